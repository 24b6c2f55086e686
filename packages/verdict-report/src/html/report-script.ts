import { createHash } from 'node:crypto';

/**
 * The page's only script (inline), an enhancement: the text, numbers and plots need none of it. It adds
 * a copy button to each command block.
 */
export const REPORT_SCRIPT = `(function () {
  document.documentElement.setAttribute('data-script', 'on');
  var blocks = document.querySelectorAll('.command-block');
  for (var i = 0; i < blocks.length; i++) {
    (function (block) {
      var pre = block.querySelector('pre');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.textContent = 'copy';
      button.addEventListener('click', function () {
        if (!navigator.clipboard) { button.textContent = 'select and copy'; return; }
        navigator.clipboard.writeText(pre.textContent).then(function () { button.textContent = 'copied'; }, function () { button.textContent = 'select and copy'; });
      });
      block.appendChild(button);
    })(blocks[i]);
  }
})();`;

/** The CSP source that allows exactly REPORT_SCRIPT and no other script. */
export const REPORT_SCRIPT_HASH = `'sha256-${createHash('sha256').update(REPORT_SCRIPT).digest('base64')}'`;
