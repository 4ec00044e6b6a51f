// The example course page's script: loads the playground's embed.js from the playground's own
// address, embeds two demos and reacts to them. It also plays the host's part of the H5P resizer
// protocol for the second demo (hello, prepareResize / resizePrepared, resize) and records the
// Canvas LMS lti.frameResize messages, as those platforms would handle them.
(function () {
  'use strict';
  const playground = new URLSearchParams(location.search).get('playground') || 'http://127.0.0.1:8080/';
  const course = { events: [], h5p: [], lti: [], demos: {} };
  window.course = course;

  // The H5P host: the iframe says hello, the host answers; then each resize in two steps.
  window.addEventListener('message', (e) => {
    const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
    if (!frame) return;
    let m = e.data;
    if (typeof m === 'string') {
      try { m = JSON.parse(m); } catch { return; }
      if (m.subject === 'lti.frameResize') course.lti.push({ frame: frame.dataset.demo, height: m.height });
      return;
    }
    if (!m || m.context !== 'h5p' || frame.dataset.h5p !== '1') return;
    course.h5p.push({ action: m.action, height: m.scrollHeight });
    if (m.action === 'hello') e.source.postMessage({ context: 'h5p', action: 'hello' }, e.origin);
    else if (m.action === 'prepareResize') {
      frame.style.height = m.clientHeight + 'px';
      e.source.postMessage({ context: 'h5p', action: 'resizePrepared' }, e.origin);
    } else if (m.action === 'resize') frame.style.height = m.scrollHeight + 'px';
  });

  const s = document.createElement('script');
  s.src = new URL('embed.js', playground).href;
  s.onload = () => {
    const hidden = 'lr.batch.opt.mom.l2.decay.dropout.init.seed.data.norm.presets';
    const lesson = DLPlayground.embed('#lesson-demo', {
      link: new URL(`#v1&model=lenet&panels=38&lesson=convnets&hide=${hidden}`, playground).href,
      id: 'lesson-14', autoHeight: true, title: 'Playground: a first convnet',
    });
    lesson.iframe.dataset.demo = 'lesson';
    const full = DLPlayground.embed('#full-demo', { link: playground, id: 'full', height: 700, title: 'The whole playground' });
    full.iframe.dataset.demo = 'full';
    full.iframe.dataset.h5p = '1';
    course.demos = { lesson, full };
    const status = document.getElementById('status');
    for (const [name, demo] of Object.entries(course.demos))
      for (const ev of ['training-started', 'training-paused', 'steps', 'lesson-completed', 'prediction'])
        demo.on(ev, (d) => course.events.push({ demo: name, event: ev, detail: d }));
    lesson.on('steps', (d) => {
      status.textContent = `Step ${d.steps}: test accuracy ${d.testAccuracy >= 0 ? (100 * d.testAccuracy).toFixed(1) + '%' : 'not measured yet'}.`;
      if (d.testAccuracy >= 0.95) document.getElementById('next').hidden = false;
    });
    for (const demo of [lesson, full]) demo.on('prediction', (d) => { status.textContent = `The network reads your drawing as ${d.digit}.`; });
    lesson.on('lesson-completed', (d) => { status.textContent = `Lesson ${d.lesson} done.`; });
    Promise.all([lesson.ready, full.ready]).then(() => { course.ready = true; });
  };
  s.onerror = () => { document.getElementById('status').textContent = `Could not load ${s.src}: is the playground at ${playground}?`; };
  document.head.appendChild(s);
})();
