import { h5Link } from '../../share'
import { routes, withQuery } from '../../routes'

/**
 * The address a receipt's QR code holds: the bulletin page (H5, served by the API server) with
 * the poll and the short code, which finds the ballot there. Any phone camera or WeChat's scanner
 * opens it in a browser; in weapp the API's host is the H5 app's host.
 */
export function receiptCheckLink(pollId: string, code: string): string {
  const origin = typeof API_BASE === 'string' && API_BASE ? API_BASE : typeof location !== 'undefined' ? location.origin : ''
  return h5Link(withQuery(routes.pollBulletin, { id: pollId, code }), origin)
}
