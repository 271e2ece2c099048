/**
 * Page script of the latent explorer: rebuilds the decoder from the embedded weights with
 * TensorFlow.js (inlined before it, global `tf`) and redraws the image whenever a slider or
 * the class selector changes. The CPU backend is used: the decoder is small, and it needs no GPU.
 */
export const EXPLORER_SCRIPT = String.raw`
(function () {
  var el = document.getElementById('explorer-data');
  if (!el || typeof tf === 'undefined') return;
  var model = JSON.parse(el.textContent);
  var canvas = document.getElementById('explorer-canvas');
  var status = document.getElementById('explorer-status');
  function floats(b64) {
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Float32Array(bytes.buffer);
  }
  function act(x, a) {
    switch (a) {
      case 'relu': return tf.relu(x);
      case 'tanh': return tf.tanh(x);
      case 'elu': return tf.elu(x);
      case 'sigmoid': return tf.sigmoid(x);
      case 'leakyRelu': return tf.leakyRelu(x, 0.2);
      default: return x;
    }
  }
  function samePad(size, k, s) { var out = Math.ceil(size / s); return Math.floor(Math.max((out - 1) * s + k - size, 0) / 2); }
  var layers;
  function decode(z, cls) {
    return tf.tidy(function () {
      var input = z.slice();
      for (var c = 0; c < model.conditionSize; c++) input.push(c === cls ? 1 : 0);
      var h = tf.tensor2d([input]);
      layers.forEach(function (l) {
        if (l.op === 'dense') h = act(tf.add(tf.matMul(h, l.W), l.b), l.activation);
        else if (l.op === 'reshape') h = tf.reshape(h, [1].concat(l.shape));
        else {
          var k = l.kernelShape[0], co = l.kernelShape[2], ih = h.shape[1], iw = h.shape[2];
          var oh = ih * l.stride, ow = iw * l.stride;
          var full = tf.conv2dTranspose(h, l.W, [1, (ih - 1) * l.stride + k, (iw - 1) * l.stride + k, co], l.stride, 'valid');
          var y = tf.slice(full, [0, samePad(oh, k, l.stride), samePad(ow, k, l.stride), 0], [-1, oh, ow, -1]);
          h = act(tf.add(y, l.b), l.activation);
        }
      });
      var out = model.output === 'sigmoid' ? tf.sigmoid(h) : tf.clipByValue(h, 0, 1);
      return tf.reshape(out, model.inputShape);
    });
  }
  var sliders = Array.prototype.slice.call(document.querySelectorAll('input[data-latent]'));
  var select = document.getElementById('explorer-class');
  var pending = null;
  function draw() {
    var z = sliders.map(function (s) { return parseFloat(s.value); });
    sliders.forEach(function (s) { var o = document.getElementById(s.id + '-value'); if (o) o.textContent = parseFloat(s.value).toFixed(2); });
    var img = decode(z, select ? parseInt(select.value, 10) : -1);
    // Pixels written by hand: tf.browser.toPixels warns on every call, and the image is tiny.
    pending = img.data().then(function (values) {
      img.dispose();
      var h = model.inputShape[0], w = model.inputShape[1], c = model.inputShape[2];
      var ctx = canvas.getContext('2d'), out = ctx.createImageData(w, h);
      for (var i = 0; i < h * w; i++) {
        for (var k = 0; k < 3; k++) out.data[i * 4 + k] = Math.round(255 * values[i * c + (c === 3 ? k : 0)]);
        out.data[i * 4 + 3] = 255;
      }
      ctx.putImageData(out, 0, 0);
      document.body.setAttribute('data-explorer-draws', String(Number(document.body.getAttribute('data-explorer-draws') || '0') + 1));
    });
    return pending;
  }
  tf.setBackend('cpu').then(function () { return tf.ready(); }).then(function () {
    layers = model.layers.map(function (l) {
      if (l.op === 'reshape') return l;
      return Object.assign({}, l, { W: tf.tensor(floats(l.kernel), l.kernelShape), b: tf.tensor1d(floats(l.bias)) });
    });
    sliders.forEach(function (s) { s.addEventListener('input', draw); });
    if (select) select.addEventListener('change', draw);
    var reset = document.getElementById('explorer-reset');
    if (reset) reset.addEventListener('click', function () { sliders.forEach(function (s) { s.value = '0'; }); draw(); });
    return draw();
  }).then(function () {
    if (status) status.textContent = 'Ready: move a slider to decode a new latent vector.';
  }).catch(function (e) {
    if (status) status.textContent = 'The explorer could not start: ' + e.message;
    throw e;
  });
})();
`;
