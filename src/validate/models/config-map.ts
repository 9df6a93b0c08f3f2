import { z } from "zod";

export const configMapBody = z.looseObject({
  data: z.record(z.string(), z.string()).optional(),
  binaryData: z.record(z.string(), z.string()).optional(),
});
export type ConfigMapBody = z.infer<typeof configMapBody>;
