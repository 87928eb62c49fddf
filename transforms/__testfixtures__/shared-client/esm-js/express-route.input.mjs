import express from 'express';
import Redis from 'ioredis';

const app = express();

app.get('/stock/:sku', async (req, res) => {
  const redis = new Redis(process.env.STOCK_REDIS_URL, { connectionName: 'stock-api' });
  try {
    res.json({ sku: req.params.sku, stock: Number(await redis.get(`stock:${req.params.sku}`)) });
  } finally {
    redis.disconnect();
  }
});

export default app;
