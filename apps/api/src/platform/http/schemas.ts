import { Type } from 'typebox';

/** The problem+json body every error response carries (RFC 9457), for the OpenAPI document. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable machine-readable error code.' }),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** Standard error responses to attach to a route schema: `response: { 200: X, ...problemResponses(404) }`. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    [400, 429, 500, ...statuses].map((status) => [status, Type.Ref('Problem')]),
  ) as Record<number, ReturnType<typeof Type.Ref>>;
}
