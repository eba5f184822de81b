/** An answer other than 2xx, with Fly's error body `{"error", "status"?}`. */
export class ApiError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
    readonly code?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): { error: string; status?: string } {
    return this.code ? { error: this.message, status: this.code } : { error: this.message };
  }
}

export const badRequest = (message: string) => new ApiError(400, message);
export const notFound = (message: string) => new ApiError(404, message, 'not_found');
