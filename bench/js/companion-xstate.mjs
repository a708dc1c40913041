// The companion workflow (SPEC §2, seed 000: ending an investment-companion relationship) as
// an XState v5 machine, written as a team comparing libraries would write it: one state per
// relationship stage, guards for "a party of this relationship", "the requester", "the
// counterparty" and "the challenge's party", the OTP steps as events, the 5-minute OTP expiry
// and the 24 h auto-confirm as `after` delays, effects as emitted events, and the request
// history (closed requests, capped like quytrinh's `max_closed_requests`) in the context.
//
// The unlink cycle only (request_unlink → otp_verified → confirm + otp_verified / reject /
// withdraw / auto-confirm): the cycle the peer benchmark (run.mjs) times on both sides.
import { assign, emit, setup } from 'xstate';

/** The companion defaults of quytrinh (CompanionConfig::default). */
export const defaults = {
  otpLifetimeSeconds: 5 * 60,
  otpMaxFailures: 5,
  autoConfirmAfterSeconds: 24 * 3600,
  maxClosedRequests: 20,
};

/** Which party of the relationship an actor `{role, id}` is, or null. */
function partyOf(context, actor) {
  if (actor?.role === 'saco' && actor.id === context.sacoId) return 'saco';
  if (actor?.role === 'customer' && actor.id === context.customerId) return 'customer';
  return null;
}

const other = (party) => (party === 'saco' ? 'customer' : 'saco');

/** The open request, closed with `status` and moved to the capped history. */
function close(context, status) {
  const closed = [...context.closed, { ...context.request, status, challenge: null }];
  return {
    request: null,
    closed: closed.slice(Math.max(0, closed.length - context.config.maxClosedRequests)),
  };
}

/** The open request's challenge, when the event's actor is its party and names it. */
function challengeFits(context, event) {
  const challenge = context.request?.challenge;
  return (
    challenge != null &&
    challenge.id === event.challengeId &&
    partyOf(context, event.actor) === challenge.party
  );
}

/** A request closed with `status`, as an assign action. */
const closeAs = (status) => assign(({ context }) => close(context, status));

/** The machine; `input`: `{ sacoId, customerId, account, config? }`. */
export const companionMachine = setup({
  guards: {
    isParty: ({ context, event }) => partyOf(context, event.actor) !== null,
    isRequester: ({ context, event }) =>
      context.request?.id === event.requestId && partyOf(context, event.actor) === context.request.requester,
    isCounterparty: ({ context, event }) =>
      context.request?.id === event.requestId &&
      partyOf(context, event.actor) === other(context.request.requester),
    challengeFits: ({ context, event }) => challengeFits(context, event),
    lastFailure: ({ context, event }) =>
      challengeFits(context, event) && context.request.challenge.failures + 1 >= context.config.otpMaxFailures,
  },
  delays: {
    otpExpiry: ({ context }) => context.config.otpLifetimeSeconds * 1000,
    autoConfirm: ({ context }) => context.config.autoConfirmAfterSeconds * 1000,
  },
  actions: {
    stageRequest: assign(({ context, event }) => {
      const id = `R${context.nextRequest}`;
      const party = partyOf(context, event.actor);
      return {
        nextRequest: context.nextRequest + 1,
        request: {
          id,
          kind: 'unlink',
          requester: party,
          status: 'awaiting_otp',
          challenges: 1,
          challenge: { id: `${id}-otp1`, purpose: 'submit', party, failures: 0 },
        },
      };
    }),
    stageConfirmation: assign(({ context, event }) => {
      const challenges = context.request.challenges + 1;
      const challenge = {
        id: `${context.request.id}-otp${challenges}`,
        purpose: 'confirm',
        party: partyOf(context, event.actor),
        failures: 0,
      };
      return { request: { ...context.request, challenges, challenge } };
    }),
    sendOtp: emit(({ context }) => ({ type: 'send_otp', challengeId: context.request.challenge.id, to: context.request.challenge.party })),
    countFailure: assign(({ context }) => ({
      request: {
        ...context.request,
        challenge: { ...context.request.challenge, failures: context.request.challenge.failures + 1 },
      },
    })),
    dropChallenge: assign(({ context }) => ({ request: { ...context.request, challenge: null } })),
    submit: assign(({ context }) => ({ request: { ...context.request, status: 'pending', challenge: null } })),
    suspendTrading: emit(({ context }) => ({ type: 'suspend_trading_rights', sacoId: context.sacoId, account: context.account })),
    restoreTrading: emit(({ context }) => ({ type: 'restore_trading_rights', sacoId: context.sacoId, account: context.account })),
    notifyCounterparty: emit(({ context }) => ({
      type: 'notify',
      template: 'companion.unlink_requested',
      to: [other(context.request.requester)],
      requestId: context.request.id,
    })),
    notifyRejected: emit(({ context }) => ({
      type: 'notify',
      template: 'companion.request_rejected',
      to: [context.request.requester],
      requestId: context.request.id,
    })),
    notifyWithdrawn: emit(({ context }) => ({
      type: 'notify',
      template: 'companion.request_withdrawn',
      to: [other(context.request.requester)],
      requestId: context.request.id,
    })),
    notifyEnded: emit(({ context }) => ({
      type: 'notify',
      template: 'companion.unlink_confirmed',
      to: ['saco', 'customer'],
      requestId: context.request.id,
    })),
    removeFromSacoList: emit(({ context }) => ({ type: 'remove_from_saco_list', customerId: context.customerId })),
    revokeAccess: emit(({ context }) => ({ type: 'revoke_companion_access', sacoId: context.sacoId })),
    closeConfirmed: closeAs('confirmed'),
    closeAutoConfirmed: closeAs('auto_confirmed'),
    closeRejected: closeAs('rejected'),
    closeWithdrawn: closeAs('withdrawn'),
    abandon: closeAs('abandoned'),
  },
}).createMachine({
  id: 'companion',
  context: ({ input }) => ({
    sacoId: input.sacoId,
    customerId: input.customerId,
    account: input.account,
    config: { ...defaults, ...input.config },
    nextRequest: 1,
    request: null,
    closed: [],
  }),
  initial: 'active',
  states: {
    active: {
      on: {
        REQUEST_UNLINK: { guard: 'isParty', target: 'staging', actions: ['stageRequest', 'sendOtp'] },
      },
    },
    // The request is staged (awaiting_otp): invisible to the counterparty, nothing suspended.
    staging: {
      after: { otpExpiry: { target: 'active', actions: 'abandon' } },
      on: {
        OTP_VERIFIED: { guard: 'challengeFits', target: 'unlinkPending', actions: ['submit', 'suspendTrading', 'notifyCounterparty'] },
        OTP_FAILED: [
          { guard: 'lastFailure', target: 'active', actions: 'abandon' },
          { guard: 'challengeFits', actions: 'countFailure' },
        ],
      },
    },
    // The request is pending ("đang xác nhận"): SACO view-only until it is answered.
    unlinkPending: {
      initial: 'awaitingAnswer',
      after: { autoConfirm: { target: 'ended', actions: ['notifyEnded', 'removeFromSacoList', 'revokeAccess', 'closeAutoConfirmed'] } },
      on: {
        REJECT: { guard: 'isCounterparty', target: 'active', actions: ['restoreTrading', 'notifyRejected', 'closeRejected'] },
        WITHDRAW: { guard: 'isRequester', target: 'active', actions: ['restoreTrading', 'notifyWithdrawn', 'closeWithdrawn'] },
      },
      states: {
        awaitingAnswer: {
          on: {
            CONFIRM: { guard: 'isCounterparty', target: 'confirming', actions: ['stageConfirmation', 'sendOtp'] },
          },
        },
        confirming: {
          after: { otpExpiry: { target: 'awaitingAnswer', actions: 'dropChallenge' } },
          on: {
            OTP_VERIFIED: { guard: 'challengeFits', target: '#companion.ended', actions: ['notifyEnded', 'removeFromSacoList', 'revokeAccess', 'closeConfirmed'] },
            OTP_FAILED: [
              { guard: 'lastFailure', target: 'awaitingAnswer', actions: 'dropChallenge' },
              { guard: 'challengeFits', actions: 'countFailure' },
            ],
          },
        },
      },
    },
    ended: { type: 'final' },
  },
});

/**
 * The snapshot's position in quytrinh's terms (`WorkflowInstance.position`): the
 * relationship, and the status of the latest request when there is one.
 */
export function positionOf(snapshot) {
  const value = typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0];
  const relationship = { active: 'active', staging: 'active', unlinkPending: 'unlink_pending', ended: 'ended' }[value];
  const { request, closed } = snapshot.context;
  const latest = request ?? closed[closed.length - 1];
  return latest ? { relationship, request: latest.status } : { relationship };
}
