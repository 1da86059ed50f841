/**
 * Marks a picture that fails to load (a file deleted from storage, an expired signed URL, a network
 * blip) with `data-broken`, so globals.css can hide the browser's broken-image icon and let the muted
 * box behind every picture stand in for it, as it does for an item without pictures.
 *
 * `error` does not bubble, so one capturing listener on the document sees every <img>. It is an inline
 * script at the top of <body> rather than an effect: a server-rendered picture can fail before React
 * hydrates, and no handler of React's would see that.
 */
const SCRIPT = `document.addEventListener('error',function(e){var t=e.target;if(t&&t.tagName==='IMG')t.setAttribute('data-broken','')},true);document.addEventListener('load',function(e){var t=e.target;if(t&&t.tagName==='IMG')t.removeAttribute('data-broken')},true);`;

export function BrokenImages() {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours, no user input
  return <script dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
