/**
 * A <details> marked `data-popover` floats over the page (the storefront's phone menu). Without this it
 * closes only on its own summary; a menu people expect to close with Escape (focus back on its button)
 * and with a tap anywhere else. An inline script like BrokenImages: the header stays free of client
 * components, and the menu works before (and without) hydration, as the <details> itself does.
 */
// Escape only when focus is in the open menu and nothing there used the key already.
const SCRIPT = `document.addEventListener('keydown',function(e){if(e.key!=='Escape'||e.defaultPrevented)return;var d=document.querySelector('details[data-popover][open]');if(!d||!d.contains(document.activeElement))return;d.open=false;var s=d.querySelector('summary');if(s)s.focus()});document.addEventListener('click',function(e){document.querySelectorAll('details[data-popover][open]').forEach(function(d){if(!d.contains(e.target))d.open=false})});`;

export function PopoverDisclosures() {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours, no user input
  return <script dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
