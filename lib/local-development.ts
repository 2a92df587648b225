/**
 * What the local stack (`-c local=true`) lets HTTP targets reach besides public https hosts: loopback, over
 * plain http, on Linux's ephemeral ports only (32768–60999, /proc/sys/net/ipv4/ip_local_port_range), where
 * test receivers listening on port 0 bind. The emulator's own 4566 and a Lambda Runtime API's 9001 stay out
 * of reach.
 */
export const LOCAL_HTTP_TARGET_INSECURE_HOSTS: readonly string[] = [
  '127.0.0.1:32768-60999',
  'localhost:32768-60999',
  '[::1]:32768-60999',
];
