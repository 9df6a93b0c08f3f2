import { z } from "zod";
import { jsonObject, secretKeyRef } from "./common.js";

/** EmbeddingServer: a TEI deployment the optimizer's `embeddingServerRef` points at. */
export const embeddingServerSpec = z.looseObject({
  model: z.string().optional(),
  hfTokenSecretRef: secretKeyRef.optional(),
  image: z.string().optional(),
  imagePullPolicy: z.string().optional(),
  port: z.number().int().optional(),
  args: z.array(z.string()).optional(),
  replicas: z.number().int().optional(),
  podTemplateSpec: jsonObject.optional(),
});
export type EmbeddingServerSpec = z.infer<typeof embeddingServerSpec>;
