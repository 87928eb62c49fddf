export const CART_PREFIX = "cart:";

export function sessionKey(sid: string): string {
  return `session:${sid}`;
}
