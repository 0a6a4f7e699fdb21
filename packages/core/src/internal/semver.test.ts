import { satisfies } from './semver';

it.each([
  ['0.1.0', '^0.1.0', true], ['0.2.0', '^0.1.0', false], ['1.4.0', '^1.2.3', true], ['2.0.0', '^1.2.3', false],
  ['1.2.9', '~1.2.3', true], ['1.3.0', '~1.2.3', false], ['0.1.0', '*', true], ['1.5.0', '1.x', true], ['2.0.0', '1.x', false],
  ['0.1.0', '>=0.1.0 <1', true], ['1.0.0', '>=0.1.0 <1', false], ['3.0.0', '^1.0.0 || ^3.0.0', true], ['1.2.3', '1.2.3', true],
  ['1.2.4', '1.2.3', false], ['x', '*', false],
])('%s satisfies %s → %s', (v, r, expected) => {
  expect(satisfies(v, r)).toBe(expected);
});

it.each([
  ['0.0.3', '^0.0.3', true], ['0.0.4', '^0.0.3', false], ['0.9.0', '^0.x', true], ['1.0.0', '^0.x', false], ['1.9.0', '~1', true],
  ['2.0.0', '~1', false], ['1.2.3', '=1.2.3', true], ['1.2.3', '> 1.2.2', true], ['1.2.3', '<= 1.2.2', false], ['1.2.3', 'nonsense', false],
  ['1.2.3-beta.1', '^1.2.0', true], ['1.10.0', '^1.9.0', true], ['1.10.0', '~1.9.0', false],
])('%s satisfies %s → %s (more forms)', (v, r, expected) => {
  expect(satisfies(v, r)).toBe(expected);
});
