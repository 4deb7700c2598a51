import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../../src/lib/crypto';
import {
  INVITATION_VALID_MS,
  coachAnswer,
  createInvitation,
  invitationFile,
  inviteIdOf,
  leadAccept,
  parseInvitationCode,
  readInvitationFile,
} from '../../../../src/team/keys/invitation';
import { newDevice } from './team-fixtures';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const LATER = new Date(NOW.getTime() + 60_000);

/** The lead invites, the code reaches the coach by hand, the offer through the "server". */
async function invite() {
  const lead = await newDevice();
  const coach = await newDevice();
  const made = await createInvitation(lead, { now: NOW });
  // Everything that goes through the server goes as JSON.
  const server = JSON.parse(JSON.stringify(made.offer)) as unknown;
  return { lead, coach, ...made, server };
}

const flip = (base64: string) => {
  const bytes = fromBase64(base64);
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return toBase64(bytes);
};

describe('invitations', () => {
  it('join: the coach learns the lead’s keys, the lead the coach’s', async () => {
    const { lead, coach, invitation, code, server } = await invite();
    expect(code).toMatch(/^([A-HJKMNP-Z2-9]{4}-){6}[A-HJKMNP-Z2-9]{4}$/);
    expect(JSON.stringify(server)).not.toContain(invitation.code);
    expect(await inviteIdOf(code)).toBe(invitation.inviteId);

    const typed = code.toLowerCase().replace(/-/g, ' ');
    const answered = await coachAnswer({ code: typed, offer: server }, coach, LATER);
    expect(answered).toMatchObject({
      ok: true,
      lead: lead.publicKeys,
      leadFingerprint: lead.fingerprint,
    });
    if (!answered.ok) return;
    const accepted = await leadAccept(
      invitation,
      JSON.parse(JSON.stringify(answered.answer)),
      LATER,
    );
    expect(accepted).toEqual({
      ok: true,
      coach: coach.publicKeys,
      coachFingerprint: coach.fingerprint,
    });
  });

  it('works from a file holding the code and the offer', async () => {
    const { coach, invitation, code, offer } = await invite();
    const file = readInvitationFile(JSON.parse(JSON.stringify(invitationFile(code, offer))));
    expect(file).not.toBeNull();
    if (!file) return;
    const answered = await coachAnswer(file, coach, LATER);
    expect(answered.ok).toBe(true);
    if (answered.ok) expect((await leadAccept(invitation, answered.answer, LATER)).ok).toBe(true);
    expect(readInvitationFile({ code, offer })).toBeNull();
  });

  it('detects a server that swaps the coach’s keys for its own', async () => {
    const { coach, invitation, code, server } = await invite();
    const answered = await coachAnswer({ code, offer: server }, coach, LATER);
    if (!answered.ok) throw new Error('should answer');
    const attacker = await newDevice();
    const swapped = { ...answered.answer, coach: attacker.publicKeys };
    expect(await leadAccept(invitation, swapped, LATER)).toEqual({
      ok: false,
      reason: 'changed-on-the-way',
      message: expect.stringContaining('This answer was changed on the way'),
    });
    // Only one of the keys swapped, or the MAC itself changed: the same.
    const halfSwapped = {
      ...answered.answer,
      coach: { ...coach.publicKeys, agreement: attacker.publicKeys.agreement },
    };
    expect(await leadAccept(invitation, halfSwapped, LATER)).toMatchObject({
      reason: 'changed-on-the-way',
    });
    const badMac = { ...answered.answer, mac: flip(answered.answer.mac) };
    expect(await leadAccept(invitation, badMac, LATER)).toMatchObject({
      reason: 'changed-on-the-way',
    });
  });

  it('detects a server that swaps the lead’s keys in the offer', async () => {
    const { code, offer, coach } = await invite();
    const attacker = await newDevice();
    const swapped = { ...offer, lead: attacker.publicKeys };
    expect(await coachAnswer({ code, offer: swapped }, coach, LATER)).toMatchObject({
      ok: false,
      reason: 'changed-on-the-way',
    });
    // A whole offer of the server's own, for the same invitation id: it has no code for the MAC.
    const forged = { ...offer, lead: attacker.publicKeys, mac: flip(offer.mac) };
    expect(await coachAnswer({ code, offer: forged }, coach, LATER)).toMatchObject({
      reason: 'changed-on-the-way',
    });
  });

  it('binds the answer to the lead the coach saw: another lead’s invitation refuses it', async () => {
    const { coach, code, offer, invitation } = await invite();
    const answered = await coachAnswer({ code, offer }, coach, LATER);
    if (!answered.ok) throw new Error('should answer');
    // The same code, kept by a device with other keys (a man in the middle who learnt it later).
    const otherLead = await newDevice();
    const theirs = { ...invitation, lead: otherLead.publicKeys };
    expect(await leadAccept(theirs, answered.answer, LATER)).toMatchObject({
      reason: 'changed-on-the-way',
    });
  });

  it('refuses an answer to another invitation, and an offer for another code', async () => {
    const first = await invite();
    const second = await createInvitation(first.lead, { now: NOW });
    const answered = await coachAnswer(
      { code: first.code, offer: first.offer },
      first.coach,
      LATER,
    );
    if (!answered.ok) throw new Error('should answer');
    expect(await leadAccept(second.invitation, answered.answer, LATER)).toMatchObject({
      ok: false,
      reason: 'other-invitation',
    });
    expect(
      await coachAnswer({ code: second.code, offer: first.offer }, first.coach, LATER),
    ).toMatchObject({ ok: false, reason: 'changed-on-the-way' });
  });

  it('expires', async () => {
    const { coach, code, offer, invitation } = await invite();
    const tooLate = new Date(NOW.getTime() + INVITATION_VALID_MS + 1);
    expect(await coachAnswer({ code, offer }, coach, tooLate)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    const answered = await coachAnswer({ code, offer }, coach, LATER);
    if (!answered.ok) throw new Error('should answer');
    expect(await leadAccept(invitation, answered.answer, tooLate)).toMatchObject({
      reason: 'expired',
    });
  });

  it('catches typing mistakes in the code before anything is looked up', async () => {
    const { code } = await invite();
    expect(parseInvitationCode(code)).toEqual({ ok: true, code: code.replace(/-/g, '') });
    expect(parseInvitationCode('')).toMatchObject({ ok: false });
    expect(parseInvitationCode(code.slice(0, -1))).toMatchObject({ ok: false });
    expect(parseInvitationCode(code.replace(/[A-Z2-9]/, '0'))).toMatchObject({ ok: false });
    expect(await inviteIdOf('ABCD')).toBeNull();
    // Any one character changed, or two neighbours swapped, is caught.
    const canonical = code.replace(/-/g, '');
    const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: canonical.length - 1 }),
        fc.integer({ min: 1, max: alphabet.length - 1 }),
        (index, shift) => {
          const at = alphabet.indexOf(canonical.charAt(index));
          const changed =
            canonical.slice(0, index) +
            alphabet.charAt((at + shift) % alphabet.length) +
            canonical.slice(index + 1);
          expect(parseInvitationCode(changed).ok).toBe(false);
        },
      ),
    );
    for (let i = 0; i + 1 < canonical.length; i += 1) {
      if (canonical[i] === canonical[i + 1]) continue;
      const swapped =
        canonical.slice(0, i) +
        canonical.charAt(i + 1) +
        canonical.charAt(i) +
        canonical.slice(i + 2);
      expect(parseInvitationCode(swapped).ok).toBe(false);
    }
  });

  it('makes codes with about 129 random bits: no two alike', async () => {
    const lead = await newDevice();
    const codes = new Set<string>();
    for (let i = 0; i < 50; i += 1) codes.add((await createInvitation(lead, { now: NOW })).code);
    expect(codes.size).toBe(50);
  });

  it('refuses what is not an offer or an answer, never throwing (property)', async () => {
    const { coach, code, invitation } = await invite();
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (value) => {
        expect(await coachAnswer({ code, offer: value }, coach, LATER)).toMatchObject({
          ok: false,
          reason: 'malformed',
        });
        expect(await leadAccept(invitation, value, LATER)).toMatchObject({
          ok: false,
          reason: 'malformed',
        });
      }),
      { numRuns: 100 },
    );
  });
});
