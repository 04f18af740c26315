import { describe, expect, it } from 'vitest';
import { PIXEL_GIF, standIn } from './stand-in.js';

describe('tracker stand-ins', () => {
  it('answer each kind of request with a harmless response of the right type', () => {
    expect(standIn('script', 'GET', null)).toMatchObject({ status: 200, contentType: 'text/javascript', body: expect.stringMatching(/^\/\*.*\*\/\n$/) });
    expect(standIn('image', 'GET', null)).toMatchObject({ status: 200, contentType: 'image/gif', body: PIXEL_GIF });
    expect(standIn('stylesheet', 'GET', null)).toMatchObject({ status: 200, contentType: 'text/css', body: '' });
    expect(standIn('document', 'GET', null)).toMatchObject({ status: 200, contentType: 'text/html' });
    for (const type of ['fetch', 'xhr', 'ping', 'eventsource', 'font', 'media', 'other', 'manifest']) {
      const answer = standIn(type, 'POST', null);
      expect(answer.status, type).toBe(204);
      expect(answer.body, type).toBeUndefined();
    }
  });

  it('a script that does nothing: a comment, valid JavaScript', () => {
    const { body } = standIn('script', 'GET', null);
    expect(() => new Function(String(body))).not.toThrow();
    expect(String(body).replace(/\/\*[^]*?\*\//g, '').trim()).toBe('');
  });

  it('the GIF is a real 1×1 GIF', () => {
    expect(PIXEL_GIF.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(PIXEL_GIF.readUInt16LE(6)).toBe(1);
    expect(PIXEL_GIF.readUInt16LE(8)).toBe(1);
  });

  it('allows the page’s origin, credentials included; no body for HEAD', () => {
    expect(standIn('fetch', 'GET', 'http://localhost:4700').headers).toMatchObject({
      'access-control-allow-origin': 'http://localhost:4700',
      'access-control-allow-credentials': 'true',
    });
    expect(standIn('fetch', 'GET', null).headers['access-control-allow-origin']).toBeUndefined();
    expect(standIn('script', 'HEAD', null).body).toBeUndefined();
  });
});
