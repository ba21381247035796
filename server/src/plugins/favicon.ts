import type { FastifyInstance } from 'fastify'

/**
 * The site icon, the same green notice-board mark the H5 page inlines. Browsers, WeChat's
 * in-app browser and link previews ask for /favicon.ico whatever the page says: it was a 404.
 * Kept in the code (32 and 48 px PNGs in one ICO, 940 bytes) so the bundled server needs no
 * asset folder and it answers with or without an H5 build.
 */
const ICON = Buffer.from('AAABAAIAICAAAAEAIABcAQAAJgAAADAwAAABACAAKgIAAIIBAACJUE5HDQoaCgAAAA1JSERSAAAAIAAAACAIBgAAAHN6evQAAAAJcEhZcwAALEsAACxLAaU9lqkAAAEOSURBVFjDY2BAAtwZrmKcWe4tnNnu57myPL5wZXv8pwoGmgU09xxntkczyA4GbIAzxyMUaPEnqlmKA4Ps4MzyCMGwHCj5j9aWI+F/cEeAg50OPscIiSz3jzy5HqIMoDint+WI6PBoAjrA48KAOQCYMBmAjM8DFwLunxgGynIYHvwOUKuJ/e89qZIsDNJLkQNABnz79fM/uQCkl5AjBrcDBjwKRhPhaCIcTYSkhAAxvqVpGiAmvoeeAwY8CkZGe2AgWsTILWMGcC9oIBuloO7SADqgceA6JtkeH3jSfEQgXTNgN4nuXbNM9yDU/iHQEaBEQQ+fY1gOA6C+Gqi7BHTMWSp3WD6DzATFOTzYoQAAEk6miO81WBsAAAAASUVORK5CYIKJUE5HDQoaCgAAAA1JSERSAAAAMAAAADAIBgAAAFcC+YcAAAAJcEhZcwAAQnAAAEJwAW7yX20AAAHcSURBVGje7Vq9SgNBEL4qks1bJGjpzztIdi5BH0Cxs7nbi7WmEv8abUxvYyGoGLT0CSRPIFgIQjSKiIlYBtedTdRgLiFq7nITd2C4bmY+9tuP5b6xrA7B3MxkXMAmc6GkvndM8DoTIMNJXtc9sbfLN5iXnrB6jZiwx1SR0/CG7TFdXowtTY92HZ65aVDIq5EbvplxwV9UzvoP7/BsuDT5Pb2YZ9tttFFcq0V/+I+TgOpIDlIt1IEzKsO35Elj+BxMERwe802rk5ZKmgCQSmtInxJVAEpaL6y4C/d0AcCtRUM6O0uqRXf4RhoA5AAk83NycX9bege7fU2sibUDBZDKz8un15oMKrA29ggMwMLelgw6sIc5gaG9A0ZGDYA/Akh4ttw5P5RXD2V5/Vjpa2JNrI09AgOQLawELqPYwwAYWgoZFTIABvyUyBSWf8zxyD3m8KIODEA/ntOXlRtzAv/3DhgZNQB8ARD/tdhwIMkCKA/B73UB63QNDr6qDW2qFlPCgfGmyceLBM2Noy+bVTngUTa426jj8ucRJ5v85tJDhozRrTYK/N16wTmii/SqgQMzXfcl0AFHE1n7sFHyhAU/bqNN18UPZSJriVVai25g2Os2uqfqjV7wp9r4xDsP8iqt1bcZlgAAAABJRU5ErkJggg==', 'base64')

export async function faviconRoute(app: FastifyInstance) {
  app.get('/favicon.ico', { schema: { hide: true } }, (_req, reply) =>
    reply.type('image/x-icon').header('cache-control', 'public, max-age=604800').send(ICON))
}
