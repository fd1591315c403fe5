/**
 * Frequent short English words. The skip rule joins letters across spaces (`f u c k`, `as shole`);
 * a match that does so is dropped when every piece it joins is one of these, because then it is
 * ordinary text, not a spelled-out word: `an us` is not `anus`, `an al` is not `anal`, `so re` is
 * not `sore`. Stored with runs collapsed, as the normaliser sees them (`all` -> `al`).
 */
const WORDS = `
a i an as at be by do go he if in is it me my no of oh ok on or so to up us we am um
all and any are ask bad big box but buy can car day did die dog due eat end far few fit for
fun get got had has her him his hot how its let lot low man may new not now off old one our
out own pay put red run say see set she six sit ten the too top try two use was way who why
yes yet you able also away back bag bank best bill blue body book both call came card care
case cash city cold come cost date days deal does done door down each easy else even ever
face fact fail fast feel fine five food form four free from full gave gift girl give good
grey half hand have head help here high hold home hope hour idea into item just keep kind
knew know last late left less life like line list live long look lost love made mail make
many mean meet mind miss more most move much must name near need next nice none note only
open over paid part pass past plan play port post pull push rate read real rest ride road
room safe said sale same save seem sell send sent ship shop show side sign size some soon
sort stay step stop such sure take talk team tell test than that them then they this time
told took tour town true turn type unit very wait walk want week well went were what when
will wish with word work year your zero shot re al em en er es ex hi lo ma pa un
`;

let cached: Set<string> | undefined;

/** The list, repeats collapsed (`all` -> `al`, `soon` -> `son`). */
export function latinCommonWords(): ReadonlySet<string> {
  cached ??= new Set(
    WORDS.split(/\s+/)
      .filter(Boolean)
      .map((word) => word.replace(/(.)\1+/g, '$1')),
  );
  return cached;
}
