// A service that refuses a credential sometimes quotes it back: in the error text, encoded, and in a
// header. The echo faults of both simulators answer that way so a test can prove a client never prints
// what it was sent. Each form is of the header's whole value (`Bearer fm2_…`), so the base64 forms hold
// the bare token at a non-zero alignment.
import type { IncomingHttpHeaders } from 'node:http';

export interface CredentialForms {
  raw: string;
  base64: string;
  base64url: string;
  urlEncoded: string;
  /** As a JSON string literal, quotes included. */
  jsonEscaped: string;
}

export interface CredentialEcho {
  /** The request header echoed, lower case. */
  header: string;
  forms: CredentialForms;
  /** One line quoting the credential in every form. */
  text: string;
  /** Response headers quoting it. */
  headers: Record<string, string>;
}

/** The forms a service could quote a credential in. */
export function credentialForms(value: string): CredentialForms {
  const bytes = Buffer.from(value, 'utf8');
  return {
    raw: value,
    base64: bytes.toString('base64'),
    base64url: bytes.toString('base64url'),
    urlEncoded: encodeURIComponent(value),
    jsonEscaped: JSON.stringify(value),
  };
}

/** The echo of the request's `header` (default Authorization); an absent header is echoed as empty. */
export function echoCredential(headers: IncomingHttpHeaders, header: string | true): CredentialEcho {
  const name = header === true ? 'authorization' : header.toLowerCase();
  const sent = headers[name];
  const presented = Array.isArray(sent) ? sent.join(', ') : (sent ?? '');
  // Node decodes header bytes as latin1; re-read them as UTF-8 so the forms are of what the client sent.
  const value = Buffer.from(presented, 'latin1').toString('utf8');
  const forms = credentialForms(value);
  const text =
    `the ${name} presented is not valid: ${forms.raw} (JSON ${forms.jsonEscaped}, base64 ${forms.base64}, ` +
    `base64url ${forms.base64url}, url-encoded ${forms.urlEncoded})`;
  const quoted = (part: string) => part.replace(/[\\"]/g, (char) => `\\${char}`);
  return {
    header: name,
    forms,
    text,
    headers: {
      // Header values travel as latin1 bytes: the raw form goes back exactly as it came.
      'www-authenticate': `Bearer error="invalid_token", error_description="${quoted(presented)} (base64 ${forms.base64})"`,
    },
  };
}
