const redis = require('../redis');

const PREFIX = 'catalog:';
const FEATURES_KEY = 'config:features';

const productKey = (id) => `product:${id}`;
const stockKey = (sku) => `stock:${sku}`;

function categoryKey(slug) {
  return 'category:' + slug;
}

async function getProducts(ids) {
  if (!ids || ids.length === 0) return [];
  const rows = await redis.mget(ids.map(productKey));
  return rows.filter(Boolean).map((row) => JSON.parse(row));
}

async function getHomepageLists() {
  const [featured, bestsellers, fresh] = await redis.mget(
    PREFIX + 'featured',
    PREFIX + 'bestsellers',
    PREFIX + 'new'
  );
  return {
    featured: featured ? JSON.parse(featured) : [],
    bestsellers: bestsellers ? JSON.parse(bestsellers) : [],
    new: fresh ? JSON.parse(fresh) : [],
  };
}

async function publishHomepageLists(lists) {
  await redis
    .pipeline()
    .set(PREFIX + 'featured', JSON.stringify(lists.featured || []))
    .set(PREFIX + 'bestsellers', JSON.stringify(lists.bestsellers || []))
    .set(PREFIX + 'new', JSON.stringify(lists.new || []))
    .exec();
}

async function importProducts(products) {
  const pipe = redis.pipeline();
  for (const p of products) {
    pipe.set(productKey(p.id), JSON.stringify(p));
    pipe.set(stockKey(p.sku), String(p.stock || 0));
  }
  const results = await pipe.exec();
  const failed = results.filter(([err]) => err);
  if (failed.length) {
    console.warn('import: %d of %d writes failed', failed.length, results.length);
  }
  return products.length;
}

async function upsertCategory(slug, category) {
  await redis.hset(categoryKey(slug), {
    name: category.name,
    parent: category.parent || '',
    productCount: String(category.productIds.length),
    updatedAt: new Date().toISOString(),
  });
}

async function getCategory(slug) {
  const data = await redis.hgetall(categoryKey(slug));
  return Object.keys(data).length ? data : null;
}

async function getFeatureFlags() {
  const raw = await redis.get(FEATURES_KEY);
  return raw ? JSON.parse(raw) : {};
}

async function setFeatureFlags(flags) {
  await redis.set('config:features', JSON.stringify(flags));
}

module.exports = {
  productKey,
  getProducts,
  getHomepageLists,
  publishHomepageLists,
  importProducts,
  upsertCategory,
  getCategory,
  getFeatureFlags,
  setFeatureFlags,
};
