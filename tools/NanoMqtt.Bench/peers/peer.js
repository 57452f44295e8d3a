#!/usr/bin/env node
// mqtt.js peer of the NanoMqtt benchmarks (tools/NanoMqtt.Bench). The runner starts it with `node peer.js`
// after `npm ci` in this folder. It opens N clients, each publishing a small telemetry message on
// {prefix}/{id}/telemetry every --interval ms (QoS 1; mqtt.js queues it while offline) and a birth
// ("online") on {prefix}/{id}/status on every connect. Reconnects are mqtt.js's own: reconnectPeriod
// (default 1000 ms, fixed, no jitter) unless --reconnect says otherwise.
//
// Lines on stdout, for the runner:  ready <n>  (all clients connected once)  |  connect <id> <ms>  |  error <text>
'use strict';

const mqtt = require('mqtt');

function arg(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const url = arg('url', 'mqtt://127.0.0.1:1883');
const clients = parseInt(arg('clients', '1'), 10);
const prefix = arg('prefix', 'peer/mqttjs');
const interval = parseInt(arg('interval', '1000'), 10);
const reconnect = arg('reconnect', null); // null: mqtt.js default
const quietConnects = process.argv.includes('--quiet');
const started = Date.now();

let ready = 0;
const list = [];
for (let i = 0; i < clients; i++) {
  const id = clients === 1 ? 'js1' : 'js' + (i + 1);
  const options = { clientId: 'bench-' + prefix.replace(/\W/g, '-') + '-' + id, clean: true };
  if (reconnect !== null) {
    options.reconnectPeriod = parseInt(reconnect, 10);
  }

  const client = mqtt.connect(url, options);
  let first = true;
  let seq = 0;
  client.on('connect', () => {
    client.publish(prefix + '/' + id + '/status', 'online', { qos: 1, retain: false });
    if (first) {
      first = false;
      ready++;
      if (ready === clients) {
        process.stdout.write('ready ' + clients + '\n');
      }
    }

    if (!quietConnects) {
      process.stdout.write('connect ' + id + ' ' + (Date.now() - started) + '\n');
    }
  });
  // Errors while the broker is away are expected; reconnecting is mqtt.js's business.
  client.on('error', () => {});
  if (interval > 0) {
    setInterval(() => {
      seq++;
      client.publish(prefix + '/' + id + '/telemetry', '{"v":21.37,"seq":' + seq + '}', { qos: 1 });
    }, interval);
  }

  list.push(client);
}

function stop() {
  let open = list.length;
  if (open === 0) {
    process.exit(0);
  }

  for (const c of list) {
    c.end(true, () => {
      if (--open === 0) {
        process.exit(0);
      }
    });
  }

  setTimeout(() => process.exit(0), 2000).unref();
}

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The runner closes stdin to stop the peer (portable; no signals needed).
process.stdin.on('end', stop);
process.stdin.resume();
