import sanitizeHtml from 'sanitize-html';

/**
 * Rich descriptions are stored sanitised, never raw: only the tags below survive, links keep `href`
 * (http, https, mailto) and are forced to `rel="noopener noreferrer"`; scripts, styles, event handlers
 * (`onerror=`), iframes and images are removed (item images go through the image upload instead).
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h2', 'h3', 'h4', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'a', 'br', 'blockquote'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Text inside removed tags stays (a <div> of text keeps its text), except where it is code.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object'],
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...attribs,
        rel: 'noopener noreferrer',
        ...(attribs.target ? { target: '_blank' } : {}),
      },
    }),
  },
};

export function sanitizeDescription(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
