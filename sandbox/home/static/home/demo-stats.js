/* The sandbox's demo tracker: runs only once the visitor agreed (the consent banner decides),
   sets its first-party cookie and counts the page view into the sandbox's own stub. */
(() => {
  if (!document.cookie.includes('demo_stats_id=')) {
    const id = Math.random().toString(36).slice(2);
    document.cookie = `demo_stats_id=${id}; max-age=${60 * 60 * 24 * 395}; path=/; SameSite=Lax`;
  }
  navigator.sendBeacon('/demo-stats/collect/', new URLSearchParams({ url: location.pathname }));
  console.info('Demo statistics: page view counted by the sandbox (nothing left the machine).');
})();
