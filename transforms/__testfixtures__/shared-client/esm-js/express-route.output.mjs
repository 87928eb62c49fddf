import express from 'express';
import { redisStock } from './src/redis/client.js';

const app = express();

app.get('/stock/:sku', async (req, res) => {
  res.json({ sku: req.params.sku, stock: Number(await redisStock.get(`stock:${req.params.sku}`)) });
});

export default app;
