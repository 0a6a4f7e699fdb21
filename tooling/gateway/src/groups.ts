/**
 * Chat groups (README "Messaging"; not in the Link protocol, §6.2): a subject, an owner and the
 * participants (configured users). In memory by id, written through to the store's `chat_groups`
 * table and rebuilt from it at start.
 */
import type { Settings } from './config';
import { HttpError } from './http';
import { randomId } from './ids';
import type { Store, StoredGroup } from './store';

/** Longest group subject (bytes, UTF-8); longer answers 413 + 5 (groups are held in memory). */
export const MAX_SUBJECT_BYTES = 256;

/** What a group change did, for the `groupChat` notification. */
export type GroupAction = 'created' | 'added' | 'removed';

/** The chat groups of every user. */
export class ChatGroups {
  private readonly groups = new Map<string, StoredGroup>();

  constructor(
    private readonly settings: Settings,
    private readonly store: Store,
  ) {
    for (const [id, group] of store.groups.entries()) this.groups.set(id, group);
  }

  /** Whether `id` has the form of a group id (`grp-…`). */
  static isGroupId(id: string): boolean {
    return /^grp-[A-Za-z0-9_-]{8,64}$/.test(id);
  }

  /** The group `id` if `username` is a participant. */
  get(username: string, id: string): StoredGroup | undefined {
    const group = this.groups.get(id);
    return group && group.participants.includes(username) ? group : undefined;
  }

  /** The groups `username` participates in, oldest first. */
  forUser(username: string): StoredGroup[] {
    return [...this.groups.values()].filter((g) => g.participants.includes(username));
  }

  /** The checks of {@link create} (the subject, the size, every participant's group count), without creating. */
  checkCreate(owner: string, subject: string, others: string[]): string[] {
    if (Buffer.byteLength(subject, 'utf8') > MAX_SUBJECT_BYTES) throw new HttpError(413, 5, `"subject" is over ${MAX_SUBJECT_BYTES} bytes`);
    const participants = [...new Set([owner, ...others])];
    if (participants.length < 2) throw new HttpError(400, 1004, 'A group needs at least one participant besides its creator');
    this.checkSize(participants.length);
    for (const p of participants) this.checkMembership(p);
    return participants;
  }

  /** Creates a group of `owner` and `others` (canonical, known user ids); checks the limits first. */
  create(owner: string, subject: string, others: string[]): StoredGroup {
    const participants = this.checkCreate(owner, subject, others);
    const group: StoredGroup = { groupId: randomId('grp-', 12), subject, owner, participants, createdAt: Date.now() };
    this.save(group);
    return group;
  }

  /** The checks of {@link add} (size, group counts), without adding; returns the new participants. */
  checkAdd(group: StoredGroup, users: string[]): string[] {
    const added = [...new Set(users)].filter((u) => !group.participants.includes(u));
    this.checkSize(group.participants.length + added.length);
    for (const p of added) this.checkMembership(p);
    return added;
  }

  /** Adds participants (any participant may); returns the ones that were new. */
  add(group: StoredGroup, users: string[]): string[] {
    const added = this.checkAdd(group, users);
    group.participants.push(...added);
    this.save(group);
    return added;
  }

  /**
   * Removes `participant` on behalf of `by`: the owner may remove anyone, others only themselves
   * (403 + 1004). The owner leaving passes ownership to the longest-standing participant; the
   * last one leaving deletes the group.
   */
  remove(group: StoredGroup, by: string, participant: string): void {
    this.checkRemove(group, by, participant);
    group.participants = group.participants.filter((p) => p !== participant);
    if (!group.participants.length) {
      this.groups.delete(group.groupId);
      this.store.groups.delete(group.groupId);
      return;
    }
    if (group.owner === participant) group.owner = group.participants[0];
    this.save(group);
  }

  /** The checks of {@link remove}: 404 + 42 for a non-participant, 403 + 1004 unless `by` is the owner or removes itself. */
  checkRemove(group: StoredGroup, by: string, participant: string): void {
    if (!group.participants.includes(participant)) throw new HttpError(404, 42, 'Not a participant of this group');
    if (by !== participant && by !== group.owner) throw new HttpError(403, 1004, 'Only the group owner may remove other participants');
  }

  private checkSize(size: number): void {
    if (size > this.settings.maxGroupParticipants) {
      throw new HttpError(403, 19, `A group has at most ${this.settings.maxGroupParticipants} participants`);
    }
  }

  private checkMembership(username: string): void {
    if (this.forUser(username).length >= this.settings.maxGroupsPerUser) {
      throw new HttpError(403, 19, `${username} is already in ${this.settings.maxGroupsPerUser} groups`);
    }
  }

  private save(group: StoredGroup): void {
    this.groups.set(group.groupId, group);
    this.store.groups.put(group.groupId, group);
  }
}
