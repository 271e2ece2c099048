import { defineSweep } from '@vaelab/experiments';
import cvae from './cvae.ts';

/**
 * The `cvae` study on Fashion-MNIST (Sohn et al. 2015), read from Debian's
 * dataset-fashion-mnist (or `dataDir`): the conditional accuracy is that of a garment
 * classifier on class-conditional samples, and sample quality is measured in its feature space.
 */
export default defineSweep({
  ...cvae,
  name: 'cvae-fashion',
  description: 'conditional VAE on Fashion-MNIST: conditional accuracy and sample quality against latent size',
  dataset: 'fashion-mnist',
});
