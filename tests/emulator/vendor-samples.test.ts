/**
 * The request packets from the vendor's pages, sent as they are, must get
 * answers with the keys of the vendor's sample response packets.
 */
import { expect } from "chai";
import type {
  CreateOfficialAccountResponse,
  GetOfficialAccountInfoResponse,
  GetSubscribedOfficialAccountListResponse,
} from "../../chat-api/wire-types";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { EmulatorClient, sortedKeys } from "./helpers";

// Request packets as printed on the pages (only the // comments removed). Both read requests print the
// same OfficialAccountBaseInfoFilter, every base-info field, one a line: written once here.
const BASE_INFO_FILTER = [
  "CreateTime",
  "Name",
  "Owner_Account",
  "LastMsgTime",
  "SubscriberNum",
  "Introduction",
  "FaceUrl",
  "Organization",
  "CustomString",
];
const PRINTED_BASE_INFO_FILTER = BASE_INFO_FILTER.map((field) => JSON.stringify(field)).join(",\n");

const CREATE_REQUEST = `{
"OfficialAccountUserID": "@TOA#_test_id",
"Owner_Account": "107867",
"CustomString": "test_custom_string",
"FaceUrl": "http://this.is.face.url",
"Introduction": "This is test Introduction",
"MaxSubscriberNum": 1000,
"Name": "test_official_account",
"Organization": "test_organization"
}`;

const GET_INFO_REQUEST = `{
"OfficialAccountIdList": [
{
"Official_Account": "@TOA#_test_for_penn"
},
{
"Official_Account": "@TOA#_@TOA#dZDP"
}
],
"ResponseFilter": {
"OfficialAccountBaseInfoFilter": [
${PRINTED_BASE_INFO_FILTER}
]
}
}`;

const SUBSCRIBED_LIST_REQUEST = `{
"Subscriber_Account": "107867",
"Limit": 200,
"Offset": 0,
"ResponseFilter":{
"OfficialAccountBaseInfoFilter":[
${PRINTED_BASE_INFO_FILTER}
],
"SelfInfoFilter":[
"SubscribeTime",
"CustomString"
]
}
}`;

// Keys of the sample response packets.
const CREATE_RESPONSE_KEYS = ["ActionStatus", "ErrorInfo", "ErrorCode", "OfficialAccountUserID"];
const GET_INFO_RESPONSE_KEYS = ["ActionStatus", "ErrorInfo", "ErrorCode", "OfficialAccountInfoList"];
// An item holds what the filter asks for, its id and (get_official_account_info) its own result.
const GET_INFO_ITEM_KEYS = ["ErrorCode", "ErrorInfo", "Official_Account", ...BASE_INFO_FILTER];
const SUBSCRIBED_RESPONSE_KEYS = [
  "ActionStatus",
  "ErrorInfo",
  "ErrorCode",
  "TotalCount",
  "OfficialAccountInfoList",
  "CompleteFlag",
  "Next",
];
// The sample item omits CreateTime although the sample request's filter asks for it and the
// page documents it as a valid filter field; the emulator returns what the filter asks for.
const SUBSCRIBED_ITEM_KEYS = ["Official_Account", "SelfInfo", ...BASE_INFO_FILTER];
const SELF_INFO_KEYS = ["SubscribeTime", "CustomString"];

describe("emulator: the vendor's sample packets", () => {
  let emulator: RunningEmulator;
  let client: EmulatorClient;

  before(async () => {
    emulator = await startEmulator();
    client = new EmulatorClient(emulator.url);
    await client.ok("account_import", { UserID: "107867" });
  });
  after(() => emulator.close());

  it("create_official_account: the sample request gets the sample response's keys and the given id", async () => {
    const reply = await client.ok<CreateOfficialAccountResponse>("create_official_account", CREATE_REQUEST);
    expect(sortedKeys(reply)).to.deep.equal([...CREATE_RESPONSE_KEYS].sort());
    expect(reply).to.deep.equal({
      ActionStatus: "OK",
      ErrorInfo: "",
      ErrorCode: 0,
      OfficialAccountUserID: "@TOA#_test_id",
    });
  });

  it("get_official_account_info: the sample request gets the sample response's keys for both accounts", async () => {
    for (const id of ["@TOA#_test_for_penn", "@TOA#_@TOA#dZDP"]) {
      await client.createAccount({ OfficialAccountUserID: id, Owner_Account: "107867", Name: `sample ${id}` });
    }
    const reply = await client.ok<GetOfficialAccountInfoResponse>("get_official_account_info", GET_INFO_REQUEST);
    expect(sortedKeys(reply)).to.deep.equal([...GET_INFO_RESPONSE_KEYS].sort());
    const items = reply.OfficialAccountInfoList!;
    expect(items.map((i) => i.Official_Account)).to.deep.equal(["@TOA#_test_for_penn", "@TOA#_@TOA#dZDP"]);
    for (const item of items) {
      expect(sortedKeys(item), `keys of ${item.Official_Account}`).to.deep.equal([...GET_INFO_ITEM_KEYS].sort());
      expect(item.ErrorCode).to.equal(0);
    }
  });

  it("get_subscribed_official_account_list: the sample request gets the sample response's keys", async () => {
    await client.ok("add_subscriber", {
      Official_Account: "@TOA#_test_for_penn",
      SubscriberList: [{ Subscriber_Account: "107867" }],
    });
    const reply = await client.ok<GetSubscribedOfficialAccountListResponse>(
      "get_subscribed_official_account_list",
      SUBSCRIBED_LIST_REQUEST,
    );
    expect(sortedKeys(reply)).to.deep.equal([...SUBSCRIBED_RESPONSE_KEYS].sort());
    expect(reply).to.include({ TotalCount: 1, CompleteFlag: 1, Next: 0 });
    const [item] = reply.OfficialAccountInfoList!;
    expect(sortedKeys(item)).to.deep.equal([...SUBSCRIBED_ITEM_KEYS].sort());
    expect(sortedKeys(item.SelfInfo!)).to.deep.equal([...SELF_INFO_KEYS].sort());
    expect(item.SubscriberNum).to.equal(1);
  });
});
