import './polyfill';

const R = Reflect as unknown as {
  defineMetadata(k: unknown, v: unknown, t: object, p?: string): void;
  metadata(k: unknown, v: unknown): (t: object, p?: string) => void;
  getMetadata(k: unknown, t: object, p?: string): unknown;
  getOwnMetadata(k: unknown, t: object, p?: string): unknown;
  hasMetadata(k: unknown, t: object, p?: string): boolean;
  hasOwnMetadata(k: unknown, t: object, p?: string): boolean;
};

describe('Reflect metadata shim', () => {
  it('stores metadata per target and property, with prototype-chain lookup', () => {
    class Base {}
    class Derived extends Base {}
    R.defineMetadata('design:paramtypes', [String], Base);
    R.metadata('k', 1)(Base, 'prop');
    expect(R.getMetadata('design:paramtypes', Derived)).toEqual([String]);
    expect(R.getOwnMetadata('design:paramtypes', Derived)).toBeUndefined();
    expect(R.hasMetadata('design:paramtypes', Derived)).toBe(true);
    expect(R.hasOwnMetadata('design:paramtypes', Derived)).toBe(false);
    expect(R.getMetadata('k', Base, 'prop')).toBe(1);
    expect(R.getMetadata('k', Base)).toBeUndefined();
  });

  it('lets tsyringe load and resolve decorated classes', async () => {
    const { container, injectable } = await import('tsyringe');
    @injectable()
    class Dep {
      value = 42;
    }
    const child = container.createChildContainer();
    expect(child.resolve(Dep).value).toBe(42);
  });
});
