/** The errors the SDK raises for the faults the tests inject: throttling and a dropped connection. */

/** What the SDK throws when CloudFormation throttles a call. */
export function throttlingError(): Error {
  return Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });
}

/** What Node's HTTP client throws when the connection drops before the answer. */
export function connectionResetError(): Error {
  return Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET' });
}
