import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';

const VERDICT_COLOURS = { PASS: '#2f9e5b', FAIL: '#d23a4f', INCONCLUSIVE: '#e0ad12' };

// A change of the gates' summary is in the timeline table; as a marker it would hide the rest.
const MARKED = (e) => e.event !== 'GATES';

/** Vertical lines at the timeline's events, labelled with the event and who asked. */
function eventMarkers(events) {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        const { top, height } = u.bbox;
        ctx.save();
        ctx.font = `${Math.round(10 * devicePixelRatio)}px sans-serif`;
        events().filter(MARKED).forEach((e, i) => {
          const x = Math.round(u.valToPos(e.atMs / 1000, 'x', true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
          ctx.strokeStyle = e.event.includes('ROLL') || e.event.includes('FAIL') ? '#d23a4f' : '#7a58c4';
          ctx.setLineDash([4, 3]);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          ctx.fillStyle = '#3d3551';
          ctx.fillText(`${e.event} (${e.by})`, x + 3, top + 12 * devicePixelRatio * (1 + (i % 4)));
        });
        ctx.restore();
      },
    },
  };
}

/** Each evaluation's verdict as a dot on the new channel's line. */
function verdictDots(points) {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        ctx.save();
        for (const p of points()) {
          if (p.newValue === null || p.newValue === undefined) continue;
          ctx.fillStyle = VERDICT_COLOURS[p.verdict] || '#888';
          ctx.beginPath();
          ctx.arc(u.valToPos(p.atMs / 1000, 'x', true), u.valToPos(p.newValue, 'y', true), 3.5 * devicePixelRatio, 0, 2 * Math.PI);
          ctx.fill();
        }
        ctx.restore();
      },
    },
  };
}

/** The new channel's weight in bps over time, events marked. */
export function weightChart(container, width, events) {
  return new uPlot({
    width,
    height: 220,
    scales: { y: { range: [0, 10000] } },
    series: [{}, { label: 'weight (bps)', stroke: '#2a6fdb', width: 2, paths: uPlot.paths.stepped({ align: 1 }) }],
    axes: [{}, { label: 'bps' }],
    plugins: [eventMarkers(events)],
  }, [[], []], container);
}

/** One gate over time: both channels, the limit, the verdicts, events marked. */
export function gateChart(container, width, title, points, events) {
  return new uPlot({
    title,
    width,
    height: 200,
    series: [
      {},
      { label: 'new', stroke: '#2a6fdb', width: 2, spanGaps: true },
      { label: 'old', stroke: '#8a94a6', width: 2, spanGaps: true },
      { label: 'limit', stroke: '#d23a4f', width: 1, dash: [6, 4], points: { show: false } },
    ],
    plugins: [verdictDots(points), eventMarkers(events)],
  }, [[], [], [], []], container);
}

export function weightData(weights, nowMs) {
  const xs = weights.map((w) => w.atMs / 1000);
  const ys = weights.map((w) => w.weightBps);
  if (weights.length) { // the last weight holds until now
    xs.push(nowMs / 1000);
    ys.push(ys[ys.length - 1]);
  }
  return [xs, ys];
}

export function gateData(gate) {
  const xs = gate.points.map((p) => p.atMs / 1000);
  return [xs, gate.points.map((p) => p.newValue), gate.points.map((p) => p.oldValue), gate.points.map(() => gate.limit)];
}
