import { type JsonSchema, toJsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";
import { type BodyKind, ENDPOINTS, type Endpoint, type PlainParam } from "./endpoints.ts";

/** What a request sends: the parameters as a client types them (before the route's transforms). */
const asJsonSchema = (schema: v.GenericSchema): JsonSchema => {
  const { $schema: _, ...rest } = toJsonSchema(schema, {
    target: "draft-2020-12",
    typeMode: "input",
    errorMode: "ignore",
  });
  return rest;
};

export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

/** One parameter per property of a valibot object schema, `required` as the schema says. */
function parametersOf(schema: v.GenericSchema, where: "path" | "query"): OpenApiParameter[] {
  const json = asJsonSchema(schema);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    schema: property as JsonSchema,
  }));
}

const plain = (p: PlainParam): OpenApiParameter => ({ ...p, schema: { type: "string" } });

const MEDIA: Record<BodyKind, string> = {
  json: "application/json",
  sse: "text/event-stream",
  csv: "text/csv",
  ndjson: "application/x-ndjson",
};

const ERROR_REF = { $ref: "#/components/schemas/Error" };

/** The parameters of an endpoint: hand-written ones, then those of its valibot schemas. */
export function parametersOfEndpoint(e: Endpoint): OpenApiParameter[] {
  return [
    ...(e.params ?? []).map(plain),
    ...(e.pathSchema ? parametersOf(e.pathSchema, "path") : []),
    ...(e.query ? parametersOf(e.query, "query") : []),
  ];
}

function operationOf(e: Endpoint) {
  const responses: Record<string, unknown> = {
    [e.ok.status]: {
      description: e.ok.description,
      content: { [MEDIA[e.ok.kind]]: { schema: e.ok.kind === "json" ? { type: "object" } : { type: "string" } } },
    },
  };
  for (const error of e.errors) {
    const codes = error.codes.length > 0 ? ` (${error.codes.join(", ")})` : "";
    const previous = responses[error.status] as { description: string } | undefined;
    const description = `${previous ? `${previous.description}; ` : ""}${error.when}${codes}`;
    const schema = error.codes.length > 0 || !e.path.startsWith("/health/") ? ERROR_REF : { type: "object" };
    responses[error.status] = { description, content: { "application/json": { schema } } };
  }
  responses["500"] = {
    description: "an unexpected failure (internal)",
    content: { "application/json": { schema: ERROR_REF } },
  };
  const parameters = parametersOfEndpoint(e);
  return {
    tags: [e.tag],
    summary: e.summary,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(e.bearer ? { security: [{ bearer: [] }] } : {}),
    ...(e.body
      ? {
          requestBody: {
            required: true,
            description: e.body.description,
            content: { "application/json": { schema: { oneOf: e.body.oneOf.map(asJsonSchema) } } },
          },
        }
      : {}),
    ...(e.upload
      ? {
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  properties: { file: { type: "string", format: "binary" } },
                  required: ["file"],
                },
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of every JSON, SSE and download endpoint, built from `ENDPOINTS`, whose
 * query, path and body schemas are the ones the routes validate with.
 * @example const doc = openApiDocument(); doc.paths["/api/prices/{symbol}"].get
 */
export function openApiDocument() {
  const paths: Record<string, Record<string, ReturnType<typeof operationOf>>> = {};
  for (const e of ENDPOINTS) {
    const operations = paths[e.path] ?? {};
    operations[e.method] = operationOf(e);
    paths[e.path] = operations;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Tickertape",
      version: "0.1.0",
      description: "Live prices, portfolios and B3 quotes. Errors answer `{error: {code, message}}`.",
    },
    paths,
    components: {
      schemas: {
        Error: {
          type: "object",
          properties: {
            error: {
              type: "object",
              properties: { code: { type: "string" }, message: { type: "string" } },
              required: ["code", "message"],
            },
          },
          required: ["error"],
        },
      },
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "EVENTS_TOKEN for events, UPLOAD_TOKEN for uploads (without one, loopback clients upload without a token)",
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
