import { describe, expect, it } from 'vitest';
import { DEFAULT_MI_BATCH_SIZE, IWAE_BELOW_ELBO_TOLERANCE, MI_CEILING_FRACTION, miCeiling, valueCaveats } from './caveats.ts';

describe('value caveats', () => {
  it('flags an IWAE bound below the ELBO of the same examples as a violation, and tolerates Monte Carlo noise', () => {
    const bad = valueCaveats({ log_likelihood: -95, log_likelihood_elbo: -94, elbo: -99 }).log_likelihood!;
    expect(bad.violation).toBe(true);
    expect(bad.text).toContain('-95 is below the ELBO -94 of the same examples');
    expect(valueCaveats({ log_likelihood: -94 - IWAE_BELOW_ELBO_TOLERANCE / 2, log_likelihood_elbo: -94 }).log_likelihood).toBeUndefined();
    // Without the same-examples ELBO, the held-out ELBO is the reference, and the caveat says so.
    expect(valueCaveats({ log_likelihood: -100, elbo: -98 }).log_likelihood!.text).toContain('other examples');
  });

  it('states the MI ceiling log B and flags negative estimates', () => {
    expect(miCeiling({})).toBeCloseTo(Math.log(DEFAULT_MI_BATCH_SIZE), 12);
    expect(miCeiling({ mi_batch_size: 128 })).toBeCloseTo(Math.log(128), 12);
    const atCeiling = valueCaveats({ mutual_information: MI_CEILING_FRACTION * Math.log(50) }).mutual_information!;
    expect([atCeiling.violation, atCeiling.text]).toEqual([false, expect.stringContaining('log 50 = 3.912 nats')]);
    expect(valueCaveats({ mutual_information: MI_CEILING_FRACTION * Math.log(50) - 0.01 }).mutual_information).toBeUndefined();
    expect(valueCaveats({ mutual_information: -0.2 }).mutual_information!.violation).toBe(true);
  });

  it('does not let the precision of one repeated blob read as good, and gives the conditional accuracy its ceiling', () => {
    expect(valueCaveats({ precision: 1, recall: 0 }).precision!.text).toContain('not sample quality');
    expect(valueCaveats({ precision: 1, recall: 0.5 }).precision).toBeUndefined();
    expect(valueCaveats({ conditional_accuracy: 0.8, classifier_accuracy: 0.97 }).conditional_accuracy!.text).toContain('0.97');
  });
});
