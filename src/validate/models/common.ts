import { z } from "zod";

export const nameRef = z.looseObject({ name: z.string() });
export const secretKeyRef = z.looseObject({ name: z.string(), key: z.string() });
export const configMapKeyRef = z.looseObject({ name: z.string(), key: z.string().optional() });
export const jsonObject = z.record(z.string(), z.unknown());
export const stringMap = z.record(z.string(), z.string());

export type NameRef = z.infer<typeof nameRef>;
export type SecretKeyRef = z.infer<typeof secretKeyRef>;
