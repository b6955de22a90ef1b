import { CentralSystem, ChargePoint } from 'ocppkit';
import { ChargePointServiceServer, SoapListener, WebSocketListener } from 'ocppkit/node';
import { SoapClient } from 'ocppkit/soap';

/** A central system serving OCPP-J and OCPP-S on one HTTP server, and a SOAP charge point. */
export async function runSoapExample(server: import('node:http').Server, port: number) {
  const cs = new CentralSystem();
  cs.serve(new WebSocketListener({ server, path: '/ocpp' })); // ws://host:port/ocpp/<identity>
  const soap = new SoapListener({ server, path: '/ocpp/soap', publicUrl: `http://127.0.0.1:${port}/ocpp/soap` });
  cs.serve(soap); // CentralSystemService at http://host:port/ocpp/soap, its WSDL at ?wsdl
  cs.handle('BootNotification', () => ({ status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 }));

  // The charge point POSTs to the central system and listens for its calls on a port of its own.
  const cp = new ChargePoint({
    identity: 'SOAP-CP-1',
    transport: new SoapClient({
      url: soap.url,
      identity: 'SOAP-CP-1',
      server: new ChargePointServiceServer({ host: '127.0.0.1', port: 0, path: '/ocpp/cp' }),
    }),
  });
  cp.handle('RemoteStartTransaction', ({ idTag }) => ({ status: idTag ? 'Accepted' : 'Rejected' }));
  await cp.connect();
  const boot = await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'AC22-S' });

  // The central system learnt the charge point's address from From/Address: it can call back.
  const started = await cs.session('SOAP-CP-1')!.call('RemoteStartTransaction', { idTag: 'TAG-1', connectorId: 1 });
  return { cs, cp, boot, started };
}
