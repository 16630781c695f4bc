import { GROUP_STATES, classifyGroup, isSpanClosingStatus } from './lifecycle';

describe('classifyGroup', () => {
  it.each<[string, string[], string]>([
    ['no statuses', [], GROUP_STATES.inProgress],
    ['received only', ['received'], GROUP_STATES.inProgress],
    ['received then processing', ['received', 'processing'], GROUP_STATES.inProgress],
    [
      'processing_success is not success',
      ['received', 'processing_success'],
      GROUP_STATES.inProgress,
    ],
    ['success', ['received', 'success'], GROUP_STATES.succeeded],
    ['error', ['received', 'error'], GROUP_STATES.failed],
    ['failed', ['received', 'failed'], GROUP_STATES.failed],
    ['processing_error', ['processing_error'], GROUP_STATES.failed],
    ['failure wins over a later success', ['received', 'error', 'success'], GROUP_STATES.failed],
    ['failure wins over an earlier success', ['success', 'failed'], GROUP_STATES.failed],
    ['case and spaces ignored', [' SUCCESS '], GROUP_STATES.succeeded],
    ['upper-case error', ['Error'], GROUP_STATES.failed],
  ])('%s → state', (_name, statuses, expected) => {
    expect(classifyGroup(statuses)).toBe(expected);
  });
});

describe('isSpanClosingStatus', () => {
  it.each([
    ['success', true],
    ['error', true],
    ['SUCCESS', true],
    ['received', false],
    ['processing', false],
    ['failed', false],
    ['processing_error', false],
    ['processing_success', false],
  ])('%s → %s', (status, expected) => {
    expect(isSpanClosingStatus(status)).toBe(expected);
  });
});
