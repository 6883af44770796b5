window.PRICE_DATA = {
  "generatedAt": "2026-10-09T00:44:01+08:00",
  "currencyRates": {
    "USD_CNY": 7.12,
    "note": "用于页面横向估算，最终以官方结算货币为准"
  },
  "coverage": [
    {
      "provider": "百度千帆",
      "status": "complete-machine-readable",
      "tokenRows": 56,
      "unitRows": 0
    },
    {
      "provider": "腾讯 TokenHub",
      "status": "complete-from-official-page",
      "tokenRows": 31,
      "unitRows": 7
    },
    {
      "provider": "月之暗面 Kimi",
      "status": "homepage-current-models",
      "tokenRows": 1,
      "unitRows": 0
    }
  ],
  "records": [
    {
      "id": "kimi-api-kimi-k2-6-6-5-27-0-none-442038935fc1",
      "provider": "月之暗面 Kimi",
      "platform": "官方 API",
      "model": "kimi-k2.6",
      "category": "文本/视觉/推理",
      "currency": "CNY",
      "input": 6.5,
      "output": 27.0,
      "condition": "官方首页最新模型价格",
      "context": "256K",
      "status": "官方收录",
      "sourceUrl": "https://platform.kimi.com/",
      "notes": "",
      "tags": [
        "官方 API",
        "缓存"
      ],
      "confidence": "official-homepage"
    },
    {
      "id": "api-ernie-4-5-turbo-128k-preview-0-8-3-2-0-2-2e40441b4bc8",
      "provider": "百度千帆",
      "platform": "官方 API - 在线推理",
      "model": "ERNIE-4.5-Turbo-128K-Preview",
      "category": "ERNIE 4.5 Turbo",
      "currency": "CNY",
      "input": 0.8,
      "output": 3.2,
      "cacheHit": 0.2,
      "condition": "无阶梯计价",
      "context": "",
      "status": "官方收录",
      "sourceUrl": "https://cloud.baidu.com/doc/qianfan/s/wmh4sv6ya",
      "notes": "",
      "tags": [
        "官方 API",
        "官方表格全量"
      ],
      "confidence": "official-table"
    },
    {
      "id": "api-ernie-5-1-32k-128k-22-0-none-none-c179105be286",
      "provider": "百度千帆",
      "platform": "官方 API - 在线推理",
      "model": "ERNIE-5.1",
      "category": "ERNIE 5.1",
      "currency": "CNY",
      "input": 22.0,
      "output": null,
      "condition": "32k<输入<=128k",
      "context": "",
      "status": "官方收录",
      "sourceUrl": "https://cloud.baidu.com/doc/qianfan/s/wmh4sv6ya",
      "notes": "",
      "tags": [
        "官方 API",
        "官方表格全量"
      ],
      "confidence": "official-table"
    },
    {
      "id": "api-ernie-5-1-32k-18-0-none-none-38e83eced85d",
      "provider": "百度千帆",
      "platform": "官方 API - 在线推理",
      "model": "ERNIE-5.1",
      "category": "ERNIE 5.1",
      "currency": "CNY",
      "input": 18.0,
      "output": null,
      "condition": "输入<=32k",
      "context": "",
      "status": "官方收录",
      "sourceUrl": "https://cloud.baidu.com/doc/qianfan/s/wmh4sv6ya",
      "notes": "",
      "tags": [
        "官方 API",
        "官方表格全量"
      ],
      "confidence": "official-table"
    },
    {
      "id": "api-ernie-x1-1-preview-1-0-4-0-none-2177fbb231ec",
      "provider": "百度千帆",
      "platform": "官方 API - 在线推理",
      "model": "ERNIE-X1.1-Preview（即将下线）",
      "category": "ERNIE X1.1",
      "currency": "CNY",
      "input": 1.0,
      "output": 4.0,
      "condition": "无阶梯计价",
      "context": "",
      "status": "官方收录",
      "sourceUrl": "https://cloud.baidu.com/doc/qianfan/s/wmh4sv6ya",
      "notes": "",
      "tags": [
        "官方 API",
        "官方表格全量"
      ],
      "confidence": "official-table"
    },
    {
      "id": "api-ernie-4-5-turbo-128k-preview-0-32-1-28-none-d96462da4d38",
      "provider": "百度千帆",
      "platform": "官方 API - 批量推理",
      "model": "ERNIE-4.5-Turbo-128K-Preview",
      "category": "ERNIE 4.5 Turbo",
      "currency": "CNY",
      "input": 0.32,
      "output": 1.28,
      "condition": "无阶梯计价",
      "context": "",
      "status": "官方收录",
      "sourceUrl": "https://cloud.baidu.com/doc/qianfan/s/wmh4sv6ya",
      "notes": "",
      "tags": [
        "官方 API",
        "官方表格全量"
      ],
      "confidence": "official-table"
    },
    {
      "id": "tokenhub-api-hy-2-0-think-0-32k-3-975-15-9-none-31b926c34e39",
      "provider": "腾讯 TokenHub",
      "platform": "官方 API - 在线推理",
      "model": "HY 2.0 Think",
      "category": "语言模型",
      "currency": "CNY",
      "input": 3.975,
      "output": 15.9,
      "condition": "输入长度（0, 32k]",
      "context": "",
      "status": "官方收录",
      "sourceUrl": "https://cloud.tencent.com/document/product/1823/130055",
      "notes": "",
      "tags": [
        "TokenHub",
        "官方价格页"
      ],
      "confidence": "official-dynamic-page"
    },
    {
      "id": "tokenhub-api-hy-2-0-think-32k-128k-5-3-21-2-none-75bc84642832",
      "provider": "腾讯 TokenHub",
      "platform": "官方 API - 在线推理",
      "model": "HY 2.0 Think",
      "category": "语言模型",
      "currency": "CNY",
      "input": 5.3,
      "output": 21.2,
      "condition": "输入长度（32k, 128k]",
      "context": "",
      "status": "官方收录",
      "sourceUrl": "https://cloud.tencent.com/document/product/1823/130055",
      "notes": "",
      "tags": [
        "TokenHub",
        "官方价格页"
      ],
      "confidence": "official-dynamic-page"
    },
    {
      "id": "tokenhub-api-hy3-preview-16k-32k-1-6-6-4-0-6-71f0f9f71797",
      "provider": "腾讯 TokenHub",
      "platform": "官方 API - 在线推理",
      "model": "Hy3 preview",
      "category": "语言模型",
      "currency": "CNY",
      "input": 1.6,
      "output": 6.4,
      "cacheHit": 0.6,
      "condition": "输入长度 [16k, 32k）",
      "context": "",
      "status": "官方收录",
      "sourceUrl": "https://cloud.tencent.com/document/product/1823/130055",
      "notes": "",
      "tags": [
        "TokenHub",
        "官方价格页"
      ],
      "confidence": "official-dynamic-page"
    },
    {
      "id": "tokenhub-api-hy3-preview-32k-2-8-0-8-1694cfd21ee0",
      "provider": "腾讯 TokenHub",
      "platform": "官方 API - 在线推理",
      "model": "Hy3 preview",
      "category": "语言模型",
      "currency": "CNY",
      "input": 2,
      "output": 8,
      "cacheHit": 0.8,
      "condition": "输入长度 [32k+)",
      "context": "",
      "status": "官方收录",
      "sourceUrl": "https://cloud.tencent.com/document/product/1823/130055",
      "notes": "",
      "tags": [
        "TokenHub",
        "官方价格页"
      ],
      "confidence": "official-dynamic-page"
    },
    {
      "id": "tokenhub-api-hy3-preview-0-16k-1-2-4-0-4-f32390a6ed3e",
      "provider": "腾讯 TokenHub",
      "platform": "官方 API - 在线推理",
      "model": "Hy3 preview",
      "category": "语言模型",
      "currency": "CNY",
      "input": 1.2,
      "output": 4,
      "cacheHit": 0.4,
      "condition": "输入长度（0, 16k）",
      "context": "",
      "status": "官方收录",
      "sourceUrl": "https://cloud.tencent.com/document/product/1823/130055",
      "notes": "",
      "tags": [
        "TokenHub",
        "官方价格页"
      ],
      "confidence": "official-dynamic-page"
    },
    {
      "id": "tokenhub-api-hunyuan-role-2-4-9-6-none-ee05d9f3912a",
      "provider": "腾讯 TokenHub",
      "platform": "官方 API - 在线推理",
      "model": "Hunyuan-role",
      "category": "语言模型",
      "currency": "CNY",
      "input": 2.4,
      "output": 9.6,
      "condition": "-",
      "context": "",
      "status": "官方收录",
      "sourceUrl": "https://cloud.tencent.com/document/product/1823/130055",
      "notes": "",
      "tags": [
        "TokenHub",
        "官方价格页"
      ],
      "confidence": "official-dynamic-page"
    }
  ],
  "unitRecords": [],
  "plans": [],
  "schedule": []
};
