/**
 * The team directory: joining a team through the team database on the service's CouchDB
 * (docs/team.md, "The team directory"). The lead sets caseloads up, invites coaches' devices
 * and accepts their answers; a coach's device answers an invitation and collects the caseload
 * keys wrapped for it.
 */
export { inviteCoach, setUpCaseload, type PendingInvitation } from './lead';
export { acceptAnswers, refuseAnswer, type AcceptOutcome } from './accept';
export { listCaseloads, type CaseloadListing } from './listing';
export { removeFromCaseload, publishDeviceKeys, type Removal } from './remove';
export {
  answerInvitation,
  checkCaseload,
  collectCaseloadKeys,
  type CaseloadCheck,
  type AnsweredInvitation,
  type CollectedCaseload,
  type CollectedKeys,
  type RefusedCaseload,
} from './coach';
export { pendingInvitationSchema } from './documents';
export type { TeamDirectory } from './store';
