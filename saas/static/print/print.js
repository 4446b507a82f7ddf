// The print button of printable pages: a file, not an inline handler, so the pages run under a
// Content-Security-Policy that allows no inline script.
document.querySelectorAll('[data-print]').forEach((button) => {
  button.addEventListener('click', () => window.print());
});
