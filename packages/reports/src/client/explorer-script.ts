/**
 * Page script of the latent explorer: decodes the chosen run's embedded weights and runs its
 * decoder description with core's plain-JS evaluator (`DECODER_EVALUATOR_SOURCE`, inlined before
 * it: globals `vaelabGenerate` and `vaelabFloats`; a hierarchical run is decoded from z_L through
 * the means of its conditional priors), builds one slider per latent dimension (and a
 * class selector for a conditional decoder), and redraws the image whenever a control changes.
 * No TensorFlow.js: a decoder of the quick profiles decodes in a few milliseconds.
 */
export const EXPLORER_SCRIPT = String.raw`
(function () {
  var el = document.getElementById('explorer-data');
  if (!el || typeof vaelabGenerate === 'undefined') return;
  var models = JSON.parse(el.textContent);
  var canvas = document.getElementById('explorer-canvas');
  var status = document.getElementById('explorer-status');
  var panel = document.getElementById('explorer-sliders');
  var runSelect = document.getElementById('explorer-run');
  var model = null, decoder = null, sliders = [], select = null;
  // Pixel means in [0, 1] of one image (Gaussian means are clamped for display).
  function decode(z, cls) {
    var input = z.slice();
    for (var c = 0; c < model.conditionSize; c++) input.push(c === cls ? 1 : 0);
    var out = vaelabGenerate(decoder, input);
    for (var i = 0; i < out.length; i++) out[i] = Math.min(1, Math.max(0, out[i]));
    return out;
  }
  function draw() {
    var z = sliders.map(function (s) { return parseFloat(s.value); });
    sliders.forEach(function (s) { var o = document.getElementById(s.id + '-value'); if (o) o.textContent = parseFloat(s.value).toFixed(2); });
    var values = decode(z, select ? parseInt(select.value, 10) : -1);
    return Promise.resolve().then(function () {
      var h = model.inputShape[0], w = model.inputShape[1], c = model.inputShape[2];
      canvas.width = w; canvas.height = h;
      var ctx = canvas.getContext('2d'), out = ctx.createImageData(w, h);
      for (var i = 0; i < h * w; i++) {
        for (var k = 0; k < 3; k++) out.data[i * 4 + k] = Math.round(255 * values[i * c + (c === 3 ? k : 0)]);
        out.data[i * 4 + 3] = 255;
      }
      ctx.putImageData(out, 0, 0);
      document.body.setAttribute('data-explorer-draws', String(Number(document.body.getAttribute('data-explorer-draws') || '0') + 1));
    });
  }
  // A 2-D latent space: the decoded manifold over z in [-2.5, 2.5]^2 for the selected class
  // (a conditional model has one manifold per class), redrawn when the run or the class changes.
  var manifold = document.getElementById('explorer-manifold');
  var MANIFOLD_SIDE = 12;
  function drawManifold() {
    if (!manifold) return Promise.resolve();
    manifold.hidden = model.latentDim !== 2;
    if (model.latentDim !== 2) return Promise.resolve();
    var cls = select ? parseInt(select.value, 10) : -1, n = MANIFOLD_SIDE;
    var images = [];
    for (var r = 0; r < n; r++) for (var c = 0; c < n; c++) images.push(decode([-2.5 + 5 * c / (n - 1), 2.5 - 5 * r / (n - 1)], cls));
    return Promise.resolve().then(function () {
      var h = model.inputShape[0], w = model.inputShape[1], ch = model.inputShape[2];
      manifold.width = n * w; manifold.height = n * h;
      var ctx = manifold.getContext('2d'), out = ctx.createImageData(n * w, n * h);
      for (var k = 0; k < n * n; k++) {
        var ox = (k % n) * w, oy = Math.floor(k / n) * h;
        for (var y = 0; y < h; y++) for (var x = 0; x < w; x++) {
          var p = ((oy + y) * n * w + ox + x) * 4, v = images[k][(y * w + x) * ch];
          out.data[p] = out.data[p + 1] = out.data[p + 2] = Math.round(255 * v); out.data[p + 3] = 255;
        }
      }
      ctx.putImageData(out, 0, 0);
      document.body.setAttribute('data-manifold-draws', String(Number(document.body.getAttribute('data-manifold-draws') || '0') + 1));
    });
  }
  function element(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Builds the controls of model i (its latent size and classes) and decodes its weights.
  function show(i) {
    model = models[i];
    var floats = function (b64) { return vaelabFloats(b64, model.weightEncoding); };
    var weights = function (layers) { return layers.map(function (l) {
      if (l.op === 'dense') return Object.assign({}, l, { kernel: floats(l.kernel), bias: floats(l.bias) });
      if (l.op === 'conv-transpose') return Object.assign({}, l, { filter: floats(l.filter), bias: floats(l.bias) });
      return l;
    }); };
    decoder = Object.assign({}, model, { layers: weights(model.layers) });
    if (model.topDown) decoder.topDown = { latentSize: model.topDown.latentSize, priors: model.topDown.priors.map(function (p) { return { size: p.size, layers: weights(p.layers) }; }) };
    var caption = document.getElementById('explorer-caption');
    if (caption) caption.textContent = 'Sliders: ' + model.latentCaption + '.';
    panel.textContent = '';
    sliders = [];
    for (var d = 0; d < model.latentDim; d++) {
      panel.appendChild(element('label', { for: 'z-' + d }, 'z' + d));
      var s = element('input', { type: 'range', id: 'z-' + d, 'data-latent': String(d), min: '-3', max: '3', step: '0.05', value: '0' });
      s.addEventListener('input', draw);
      panel.appendChild(s);
      panel.appendChild(element('output', { id: 'z-' + d + '-value' }, '0.00'));
      sliders.push(s);
    }
    select = null;
    if (model.conditionSize > 0) {
      panel.appendChild(element('label', { for: 'explorer-class' }, 'class'));
      select = element('select', { id: 'explorer-class' });
      model.classLabels.forEach(function (name, c) { select.appendChild(element('option', { value: String(c) }, name)); });
      select.addEventListener('change', function () { draw(); drawManifold(); });
      panel.appendChild(select);
      panel.appendChild(element('span', {}));
    }
    return draw().then(drawManifold);
  }
  Promise.resolve().then(function () {
    if (runSelect) runSelect.addEventListener('change', function () { show(parseInt(runSelect.value, 10)); });
    var reset = document.getElementById('explorer-reset');
    if (reset) reset.addEventListener('click', function () { sliders.forEach(function (s) { s.value = '0'; }); draw(); });
    return show(0);
  }).then(function () {
    if (status) status.textContent = 'Ready: move a slider to decode a new latent vector.';
  }).catch(function (e) {
    if (status) status.textContent = 'The explorer could not start: ' + e.message;
    throw e;
  });
})();
`;
