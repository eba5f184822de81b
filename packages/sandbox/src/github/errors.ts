// GitHub's error answers: `{message, documentation_url, status}` (status as a string), plus `errors` on
// some 422s.
export const restDocs = 'https://docs.github.com/rest';

export interface GitHubErrorBody {
  message: string;
  documentation_url: string;
  status: string;
  errors?: Array<Record<string, unknown>>;
}

export class GitHubError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
    readonly documentationUrl: string = restDocs,
    readonly headers: Record<string, string> = {},
    readonly errors?: Array<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'GitHubError';
  }

  body(): GitHubErrorBody {
    return {
      message: this.message,
      documentation_url: this.documentationUrl,
      status: String(this.httpStatus),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const notFound = (docs?: string) => new GitHubError(404, 'Not Found', docs);

/** A 422 in the shape GitHub gives for a request it understood but refuses. */
export const unprocessable = (message: string, docs?: string) => new GitHubError(422, message, docs);
