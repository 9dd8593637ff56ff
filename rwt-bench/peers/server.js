// The benchmark's Node peers, on 127.0.0.1 only: node --expose-gc server.js ws|socketio PORT
//  ws:       /raw/echo sends each message back; /raw/fanout sends it to every other client
//  socketio: event "e" is answered with "e"; event "p" is broadcast as "m" to every other socket
// Both answer GET /bench/heap with the heap in use after a full GC, like the bench WAR.
'use strict';
const http = require('node:http');

const [kind, portArg] = process.argv.slice(2);
const port = Number(portArg);
if (!['ws', 'socketio'].includes(kind) || !Number.isInteger(port)) {
  console.error('usage: node --expose-gc server.js ws|socketio PORT');
  process.exit(2);
}

const server = http.createServer((req, res) => {
  if (req.url === '/bench/heap') {
    for (let i = 0; i < 3; i++) global.gc();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ used: process.memoryUsage().heapUsed }));
    return;
  }
  if (!req.url.startsWith('/socket.io/')) {
    res.statusCode = 404;
    res.end();
  }
});

if (kind === 'ws') {
  const { WebSocketServer } = require('ws');
  const echo = new WebSocketServer({ noServer: true });
  const fanout = new WebSocketServer({ noServer: true });
  echo.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  fanout.on('connection', (socket) => socket.on('message', (data, isBinary) => {
    for (const other of fanout.clients) {
      if (other !== socket && other.readyState === 1) other.send(data, { binary: isBinary });
    }
  }));
  server.on('upgrade', (req, socket, head) => {
    const target = req.url === '/raw/echo' ? echo : req.url === '/raw/fanout' ? fanout : null;
    if (!target) {
      socket.destroy();
      return;
    }
    target.handleUpgrade(req, socket, head, (ws) => target.emit('connection', ws, req));
  });
} else {
  const { Server } = require('socket.io');
  const io = new Server(server, { transports: ['websocket'], serveClient: false });
  io.on('connection', (socket) => {
    socket.on('e', (data) => socket.emit('e', data));
    socket.on('p', (data) => socket.broadcast.emit('m', data));
  });
}

server.listen(port, '127.0.0.1', () => console.log(`${kind} peer on 127.0.0.1:${port}`));
process.on('SIGTERM', () => process.exit(0));
