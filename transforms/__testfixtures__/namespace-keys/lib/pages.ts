// Support module: a wrapper of a wrapper from another module (not a case itself).
import { remember } from "./cache";

export const page = (pageKey: string, render: () => Promise<string>) => remember(pageKey, 300, render);
