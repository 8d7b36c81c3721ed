/**
 * Why a rig's setup cannot run here, printed; or null. Under NSINSPECT_REQUIRE_DOCKER=1 (CI,
 * which installs every engine) a missing setup is a failure, not a skip.
 */
export function rigSkip(what: string, reason: string | null): string | null {
  if (!reason) return null;
  if (process.env.NSINSPECT_REQUIRE_DOCKER === '1') throw new Error(`NSINSPECT_REQUIRE_DOCKER=1 but ${what} cannot run: ${reason}`);
  console.log(`${what} tests skipped: ${reason}`);
  return reason;
}
