import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../../platform/http/actor.js';
import { Page, PageQuery } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import {
  ClientListQuery,
  ClientSchema,
  ClientUpdate,
  CreatedStudioSchema,
  InvitationSchema,
  MemberPageSchema,
  MemberSchema,
  MyStudioSchema,
  NewInvitationSchema,
  NewStudioSchema,
  PlanSchema,
  SlugParam,
  StudioChangesSchema,
  StudioRoleSchema,
  StudioSchema,
} from './studios.schemas.js';
import type { StudiosService } from './studios.service.js';

const StudioParams = Type.Object({ studio: SlugParam });
const MemberParams = Type.Object({ studio: SlugParam, userId: Type.String({ format: 'uuid' }) });
const InvitationParams = Type.Object({ studio: SlugParam, invitationId: Type.String({ format: 'uuid' }) });
const ClientParams = Type.Object({ studio: SlugParam, clientId: Type.String({ format: 'uuid' }) });
const TokenParams = Type.Object({
  token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,128}$', description: 'The token from the emailed link.' }),
});

export const studiosRoutes: FastifyPluginAsyncTypebox<{ studios: StudiosService }> = async (
  app,
  { studios },
) => {
  app.get(
    '/api/v1/studios',
    {
      schema: {
        tags: ['studios'],
        summary: 'List the studios on this deployment',
        operationId: 'listStudios',
        querystring: PageQuery,
        response: { 200: Page(StudioSchema), ...problemResponses() },
      },
    },
    async (request) => studios.list(request.query),
  );

  app.post(
    '/api/v1/studios',
    {
      schema: {
        tags: ['studios'],
        summary: 'Open a studio; the signed-in person (verified email) becomes its owner',
        description:
          'The studio opens on the starter plan. A paid `plan` in the body is the plan the owner wants: ' +
          'the answer carries `next.billing.requestedPlan`, and the owner subscribes on the billing page.',
        operationId: 'createStudio',
        body: NewStudioSchema,
        response: { 201: CreatedStudioSchema, ...problemResponses(401, 403, 409) },
      },
    },
    async (request, reply) => {
      const studio = await studios.createForOwner(requireUser(request), request.body);
      return reply.code(201).send(studio);
    },
  );

  app.get(
    '/api/v1/studios/:studio',
    {
      schema: {
        tags: ['studios'],
        summary: 'One studio: name, currency, time zone and brand',
        operationId: 'getStudio',
        params: StudioParams,
        response: { 200: StudioSchema, ...problemResponses(404) },
      },
    },
    async (request) => studios.getBySlug(request.params.studio),
  );

  app.patch(
    '/api/v1/studios/:studio',
    {
      schema: {
        tags: ['studios'],
        summary: "Change a studio's settings (owner, admin; the plan: owner)",
        operationId: 'updateStudio',
        params: StudioParams,
        body: StudioChangesSchema,
        response: { 200: StudioSchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return studios.update(request.actor, studio.id, request.body);
    },
  );

  app.get(
    '/api/v1/plans',
    {
      schema: {
        tags: ['studios'],
        summary: 'The plans a studio can be on, with their limits',
        operationId: 'listPlans',
        response: { 200: Type.Object({ items: Type.Array(PlanSchema) }), ...problemResponses() },
      },
    },
    async () => ({ items: studios.plans() }),
  );

  app.get(
    '/api/v1/me/studios',
    {
      schema: {
        tags: ['studios'],
        summary: 'The studios the signed-in person works in, with their role (studio switcher)',
        operationId: 'listMyStudios',
        querystring: PageQuery,
        response: { 200: Page(MyStudioSchema), ...problemResponses(401) },
      },
    },
    async (request) => studios.myStudios(requireUser(request), request.query),
  );

  app.get(
    '/api/v1/studios/:studio/members',
    {
      schema: {
        tags: ['studios'],
        summary: "A studio's team (staff and up), with the plan's seats taken and allowed",
        operationId: 'listStudioMembers',
        params: StudioParams,
        querystring: PageQuery,
        response: { 200: MemberPageSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return studios.listMembers(request.actor, studio.id, request.query);
    },
  );

  app.patch(
    '/api/v1/studios/:studio/members/:userId',
    {
      schema: {
        tags: ['studios'],
        summary: "Change a member's role (owner, admin; only owners make or unmake owners)",
        operationId: 'changeStudioMemberRole',
        params: MemberParams,
        body: Type.Object({ role: StudioRoleSchema }, { additionalProperties: false }),
        response: { 200: MemberSchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return studios.changeRole(request.actor, studio.id, request.params.userId, request.body.role);
    },
  );

  app.delete(
    '/api/v1/studios/:studio/members/:userId',
    {
      schema: {
        tags: ['studios'],
        summary: 'Remove a member (owner, admin), or leave the studio (your own user id)',
        operationId: 'removeStudioMember',
        params: MemberParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      await studios.removeMember(request.actor, studio.id, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/studios/:studio/invitations',
    {
      schema: {
        tags: ['studios'],
        summary: "A studio's pending invitations (staff and up)",
        operationId: 'listStudioInvitations',
        params: StudioParams,
        response: {
          200: Type.Object({ items: Type.Array(InvitationSchema) }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return { items: await studios.listInvitations(request.actor, studio.id) };
    },
  );

  app.post(
    '/api/v1/studios/:studio/invitations',
    {
      schema: {
        tags: ['studios'],
        summary: 'Invite someone by email (owner, admin; a role no higher than your own)',
        operationId: 'createStudioInvitation',
        params: StudioParams,
        body: NewInvitationSchema,
        response: { 201: InvitationSchema, ...problemResponses(401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      const invitation = await studios.invite(request.actor, studio.id, request.body);
      return reply.code(201).send(invitation);
    },
  );

  app.delete(
    '/api/v1/studios/:studio/invitations/:invitationId',
    {
      schema: {
        tags: ['studios'],
        summary: 'Withdraw a pending invitation (owner, admin)',
        operationId: 'revokeStudioInvitation',
        params: InvitationParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      await studios.revokeInvitation(request.actor, studio.id, request.params.invitationId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/invitations/:token/accept',
    {
      schema: {
        tags: ['studios'],
        summary: 'Accept an invitation sent to your verified email address',
        operationId: 'acceptStudioInvitation',
        params: TokenParams,
        response: { 200: MyStudioSchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) => studios.acceptInvitation(requireUser(request), request.params.token),
  );

  app.get(
    '/api/v1/studios/:studio/clients',
    {
      schema: {
        tags: ['studios'],
        summary: "A studio's clients, newest first (staff and up)",
        operationId: 'listStudioClients',
        params: StudioParams,
        querystring: ClientListQuery,
        response: { 200: Page(ClientSchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return studios.listClients(request.actor, studio.id, request.query);
    },
  );

  app.get(
    '/api/v1/studios/:studio/clients/:clientId',
    {
      schema: {
        tags: ['studios'],
        summary: 'One client record (staff and up)',
        operationId: 'getStudioClient',
        params: ClientParams,
        response: { 200: ClientSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return studios.getClient(request.actor, studio.id, request.params.clientId);
    },
  );

  app.patch(
    '/api/v1/studios/:studio/clients/:clientId',
    {
      schema: {
        tags: ['studios'],
        summary: "Correct a client's name or phone (staff and up); later checkouts keep what staff wrote",
        operationId: 'updateStudioClient',
        params: ClientParams,
        body: ClientUpdate,
        response: { 200: ClientSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return studios.updateClient(request.actor, studio.id, request.params.clientId, request.body);
    },
  );
};
