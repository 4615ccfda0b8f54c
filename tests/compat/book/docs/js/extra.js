// The author's own script: marks the page so a test can see that extra_javascript ran.
document.documentElement.dataset.extraJs = 'loaded';
