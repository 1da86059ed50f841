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
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ description: 'Where: body.lines[0].quantity, query.sort, promoCode.' }),
          message: Type.String({ description: 'What is wrong, in English.' }),
          reason: Type.Optional(
            Type.String({
              description:
                'The rule, stable and machine-readable (promo.used_up, stock.only_left, schema.required), for clients that word errors in their own language. Absent when there is none: show the message.',
            }),
          ),
          params: Type.Optional(
            Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
              description: "The reason's values (stock.only_left: { left: 2 }).",
            }),
          ),
        }),
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** Standard error responses to attach to a route schema: `response: { 200: X, ...problemResponses(404) }`. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    [400, 429, 500, ...statuses].map((status) => [status, Type.Ref('Problem')]),
  ) as Record<number, ReturnType<typeof Type.Ref>>;
}
