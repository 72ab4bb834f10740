// client_test.ts — a council's program, written against a client generated
// from peerslot's /openapi.json (openapi-typescript types, openapi-fetch
// calls), type-checked strictly by tsc before it runs: with an API token
// it reads who it is, lists its council's requests, books a free week,
// reads the booking back, is refused a blocked week with a typed problem,
// and cancels. Usage (after tsc): node client_test.js BASE_URL TOKEN COUNCIL
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/peerslot.js";

type Problem = components["schemas"]["Problem"];
type Request = components["schemas"]["Request"];

const [baseUrl, token, council] = process.argv.slice(2);
const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });

function check(ok: boolean, what: string): void {
  if (!ok) {
    console.error(`client test failed: ${what}`);
    process.exit(1);
  }
  console.log(`ok: ${what}`);
}

const me = await client.GET("/me");
check(me.data?.role === "council" && me.data.council === council, "the token is the council's");

const listed = await client.GET("/councils/{id}/requests", { params: { path: { id: council } } });
const requests: Request[] = listed.data?.requests ?? [];
const request = requests.find((r) => r.booking === null);
check(request !== undefined, `the council has a request without a booking (of ${requests.length})`);
const id = request!.id;

const weeks = await client.GET("/requests/{id}/weeks", { params: { path: { id } } });
const free = weeks.data?.weeks.find((w) => w.status === "free");
const blocked = weeks.data?.weeks.find((w) => w.status === "blocked" || w.status === "full");
check(free !== undefined && blocked !== undefined, "the weeks page has a free week and a blocked one");

const booked = await client.POST("/requests/{id}/booking", { params: { path: { id } }, body: { week: free!.week } });
check(booked.response.status === 201 && booked.data?.booking?.week === free!.week, `booked the week of ${free!.week}`);
const reference: string = booked.data!.booking!.reference;

const read = await client.GET("/requests/{id}", { params: { path: { id } } });
check(read.data?.booking?.reference === reference && read.data.booking.peers.length > 0,
      `read booking ${reference} back with its team`);

const refused = await client.PUT("/requests/{id}/booking", { params: { path: { id } }, body: { week: blocked!.week } });
const problem: Problem | undefined = refused.error;
check(refused.response.status === 409 && problem?.field === "week" && typeof problem.detail === "string" &&
      problem.code === blocked!.code,
      `moving to the week of ${blocked!.week} is refused with a problem: ${problem?.detail}`);

const cancelled = await client.DELETE("/requests/{id}/booking", { params: { path: { id } } });
check(cancelled.response.status === 200 && cancelled.data?.booking === null, "cancelled the booking");
