import { Redis } from "ioredis";

const redis = new Redis();

export class Store {
  read(k: string) {
    return redis.get(k);
  }
}

export const api = {
  fetch(k: string) {
    return redis.get(k);
  },
  drop: (k: string) => redis.del(k),
};

export function expireAll(names: string[]) {
  names.forEach((k) => redis.expire(k, 60));
}

export const load = function loader(k: string) {
  return redis.get(k);
};
