import path from "node:path";

/** Whether `child` is `parent` or lies inside it (both absolute, resolved paths). */
export function isWithin(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : `${parent}${path.sep}`);
}
