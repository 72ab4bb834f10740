// `peerslot serve [--db FILE] [--port N] [--bind ADDR]`: the booking service.
//
// On first start (an empty database) the programme is seeded: the national
// demo from data/ (or --seed-scenario FILE) with an initial plan from the
// solver (--solve-seconds, 0 for none). The demo council's requests are left
// unbooked so that a newcomer can book one; pins the initial plan does not
// keep are dropped. Demo bearer tokens for the office, the demo council, a
// peer and the political group office whose councillor peers sit on the
// most booked teams are printed then (and whenever --demo-tokens is
// given); the database
// keeps only their hashes. SIGINT or SIGTERM stops the server cleanly.
// A database that does not load (a row the validation refuses) can be
// listed with --repair-report and mended with --repair (after a backup).
// Exit 0 after a clean stop, 2 when the database or seed cannot be used;
// --repair-report exits 1 when rows need repair.
#include "engine/solver.h"
#include "http/reply_recorder.h"
#include "http/server.h"
#include "mail/imap_mailbox.h"
#include "mail/mail_sender.h"
#include "mail/mailbox_reader.h"
#include "mail/outbox_folder.h"
#include "mail/round_thread.h"
#include "mail/smtp_transport.h"
#include "mail/webhook_sender.h"
#include "mail/webhook_transport.h"
#include "service/service.h"
#include "store/sqlite_store.h"
#include "tools/commands.h"
#include "tools/demo_accounts.h"
#include "tools/file_io.h"
#include "tools/generator.h"
#include "tools/reference_data.h"
#include "tools/scenario_files.h"

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <thread>

namespace peerslot {

namespace {

struct ServeOptions {
  std::string db_path = "peerslot.db";
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string seed_scenario;
  std::uint64_t seed = 1;
  double solve_seconds = 3;
  bool demo_tokens = false;
  bool repair_report = false;
  bool repair = false;
  std::string public_url;  // default http://BIND:PORT
  std::string outbox;      // default: the database's name with "-outbox"
  std::string smtp;        // smtp://[user@]host[:port][?starttls=1]
  std::string smtp_password_file;
  std::string mailbox;     // imap[s]://[user@]host[:port]/FOLDER: where calendar replies arrive
  std::string mailbox_password_file;
  int mailbox_poll_seconds = 60;
  std::string mail_from = "peer-challenge@example.org";
  int sign_in_link_seconds = 15 * 60;
  int session_idle_seconds = 2 * 3600;
  int mail_retry_seconds = 60;
  int mail_poll_seconds = 5;
  std::string record_replies;  // a JSON line per reply, for the API contract's tests
};

Result<Scenario> seed_scenario(const ServeOptions& o) {
  if (!o.seed_scenario.empty()) return load_scenario_file(o.seed_scenario);
  auto data = load_reference_data(default_data_dir());
  if (!data.is_ok()) return data.status();
  return generate_scenario(data.value(), {1, o.seed});
}

// The council a newcomer books for: that of the first request.
std::string demo_council(const Scenario& scenario) {
  return scenario.requests.empty() ? scenario.councils.front().id : scenario.requests.front().council;
}

std::vector<Assignment> initial_bookings(const Scenario& scenario, double seconds) {
  if (seconds <= 0 || scenario.requests.empty()) return {};
  SolveOptions options;
  options.time_limit_seconds = seconds;
  auto solved = solve(scenario, options);
  if (!solved.is_ok()) return {};
  std::string council = demo_council(scenario);
  std::vector<Assignment> bookings;
  for (Assignment& a : solved.value().plan.assignments)
    if (scenario.find_request(a.request)->council != council) bookings.push_back(std::move(a));
  return bookings;
}

Status seed(service::Service& service, const ServeOptions& o) {
  auto scenario = seed_scenario(o);
  if (!scenario.is_ok()) return scenario.status();
  std::cout << "seeding an empty database with " << scenario.value().requests.size() << " requests"
            << (o.solve_seconds > 0 ? " and an initial plan" : "") << "..." << std::endl;
  std::vector<Assignment> bookings = initial_bookings(scenario.value(), o.solve_seconds);
  std::set<std::string> booked;
  for (const Assignment& a : bookings) booked.insert(a.request);
  for (Request& r : scenario.value().requests)
    if (!booked.count(r.id)) r.pinned.reset();
  std::string council = demo_council(scenario.value());
  Status seeded = service.seed(std::move(scenario).value(), std::move(bookings));
  return seeded.is_ok() ? create_demo_accounts(service, council) : seeded;
}

// The party whose councillor peers sit on the most booked teams, for the
// demo group office.
std::string demo_party(const service::State& state) {
  std::map<std::string, int> seats;
  for (const Assignment& a : state.plan.assignments)
    for (const std::string& id : a.peers)
      if (const Peer* peer = state.scenario->find_peer(id); peer->role == Role::kMember) ++seats[peer->party];
  auto most = std::max_element(seats.begin(), seats.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return most == seats.end() ? "" : most->first;
}

Status print_demo_tokens(service::Service& service) {
  const Scenario& scenario = *service.state()->scenario;
  std::string council = demo_council(scenario);
  const auto& bookings = service.state()->plan.assignments;
  std::string peer = bookings.empty() || bookings.front().peers.empty() ? scenario.peers.front().id
                                                                        : bookings.front().peers.front();
  std::string party = demo_party(*service.state());
  std::vector<std::pair<std::string, std::string>> demo = {{"office", ""}, {"council", council}, {"peer", peer}};
  if (!party.empty()) demo.push_back({"group", party});
  for (const auto& [role, subject] : demo) {
    auto token = demo_token(service, role, subject);
    if (!token.is_ok()) return token.status();
    std::cout << "  " << role << " token: " << token.value() << (subject.empty() ? "" : "  (" + subject + ")") << "\n";
  }
  std::cout << "  open requests of the demo council " << council << ": GET /councils/" << council << "/requests\n";
  return Status::ok();
}

// Blocks SIGINT/SIGTERM in every thread and stops the server when one arrives.
std::thread signal_watcher(http::Server& server) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return std::thread([signals, &server] {
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
  });
}

// --repair-report lists the rows that keep the database from loading;
// --repair backs the database up and removes them. Exit 0 when it loads (now).
int run_database_repair(const ServeOptions& o) {
  std::string backup = o.db_path + ".before-repair";
  auto db = store::SqliteStore::open(o.db_path);
  if (!db.is_ok()) return report_bad_input(db.status());
  auto rows = o.repair ? db.value()->repair(backup, "office (peerslot serve --repair)") : db.value()->bad_rows();
  if (!rows.is_ok()) return report_bad_input(rows.status());
  if (rows.value().empty()) {
    std::cout << o.db_path << ": the stored programme loads; nothing to repair\n";
    return kExitOk;
  }
  std::cout << o.db_path << ": " << rows.value().size() << " row(s) keep the stored programme from loading:\n";
  for (const store::BadRow& row : rows.value()) std::cout << "  " << row.line() << "\n";
  if (!o.repair) {
    std::cout << "Fix them, or run `peerslot serve --db " << o.db_path << " --repair` to copy the database to "
              << backup << " and remove these rows (and the bookings they hold), recorded in the audit log.\n";
    return kExitRuleBroken;
  }
  std::cout << "Removed them (and the bookings they held); the database as it was is in " << backup << "\n";
  return kExitOk;
}

// The first line of the file, when one is named.
Status read_password(const std::string& file, std::string& password) {
  if (file.empty()) return Status::ok();
  auto text = read_file(file);
  if (!text.is_ok()) return text.status();
  password = text.value().substr(0, text.value().find_first_of("\r\n"));
  return Status::ok();
}

// The outbox folder (the default) or the SMTP server of --smtp.
Result<std::unique_ptr<service::MailTransport>> mail_transport(const ServeOptions& o) {
  if (o.smtp.empty()) {
    std::string dir = o.outbox.empty() ? o.db_path.substr(0, o.db_path.rfind(".db")) + "-outbox" : o.outbox;
    return std::unique_ptr<service::MailTransport>(std::make_unique<mail::OutboxFolder>(dir));
  }
  auto settings = mail::smtp_settings(o.smtp);
  if (!settings.is_ok()) return settings.status();
  if (Status read = read_password(o.smtp_password_file, settings.value().password); !read.is_ok()) return read;
  return std::unique_ptr<service::MailTransport>(std::make_unique<mail::SmtpTransport>(settings.value()));
}

// The mailbox of --mailbox; none when it is not given.
Result<std::unique_ptr<mail::ImapMailbox>> reply_mailbox(const ServeOptions& o) {
  if (o.mailbox.empty()) return std::unique_ptr<mail::ImapMailbox>();
  auto settings = mail::imap_settings(o.mailbox);
  if (!settings.is_ok()) return settings.status();
  if (Status read = read_password(o.mailbox_password_file, settings.value().password); !read.is_ok()) return read;
  return std::make_unique<mail::ImapMailbox>(settings.value());
}

Result<std::unique_ptr<service::Service>> open_service(const ServeOptions& o) {
  auto db = store::SqliteStore::open(o.db_path);
  if (!db.is_ok()) return db.status();
  service::ServiceOptions options;
  options.mail_from = o.mail_from;
  options.sign_in_link_seconds = o.sign_in_link_seconds;
  options.session_idle_seconds = o.session_idle_seconds;
  options.mail_retry_seconds = o.mail_retry_seconds;
  auto service = service::Service::open(std::move(db).value(), options);
  if (!service.is_ok() && service.status().code() == Status::Code::kInvalid)
    std::cerr << "`peerslot serve --db " << o.db_path << " --repair-report` lists every row that keeps it from loading.\n";
  return service;
}

// Writes the last uses of tokens and sessions every 30 s until stopped.
std::jthread activity_recorder(service::Service& service) {
  return std::jthread([&service](std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any stopped;
    std::unique_lock lock(mutex);
    while (!stopped.wait_for(lock, stop, std::chrono::seconds(30), [&stop] { return stop.stop_requested(); })) {
      Status recorded = service.record_activity();
      if (!recorded.is_ok()) std::cerr << "recording token and session use: " << recorded.message() << "\n";
    }
  });
}

int run_serve(const ServeOptions& o) {
  if (o.repair_report || o.repair) return run_database_repair(o);
  auto service = open_service(o);
  auto transport = service.is_ok() ? mail_transport(o) : Result<std::unique_ptr<service::MailTransport>>(service.status());
  auto mailbox = transport.is_ok() ? reply_mailbox(o) : Result<std::unique_ptr<mail::ImapMailbox>>(transport.status());
  Status status = mailbox.is_ok() ? Status::ok() : mailbox.status();
  bool fresh = status.is_ok() && !service.value()->seeded();
  if (fresh) status = seed(*service.value(), o);
  if (status.is_ok() && (fresh || o.demo_tokens)) status = print_demo_tokens(*service.value());
  if (!status.is_ok()) return report_bad_input(status);
  if (!fresh && !o.demo_tokens) std::cout << "  (demo tokens were printed at first start; --demo-tokens mints new ones)\n";
  http::Server server(*service.value(), {o.bind, o.port, 16 * 1024 * 1024});
  std::unique_ptr<http::ReplyRecorder> reply_log;
  if (!o.record_replies.empty()) {
    auto opened = http::ReplyRecorder::open(o.record_replies);
    if (!opened.is_ok()) return report_bad_input(opened.status());
    reply_log = std::move(opened).value();
    server.router().record_replies(reply_log.get());
  }
  auto port = server.bind();
  if (!port.is_ok()) return report_bad_input(port.status());
  std::string address = "http://" + o.bind + ":" + std::to_string(port.value());
  service.value()->set_public_url(o.public_url.empty() ? address : o.public_url);
  std::thread watcher = signal_watcher(server);  // first: the threads made after it inherit its signal mask
  mail::MailSender sender(*service.value(), *transport.value(),
                          {o.mail_poll_seconds, 20, {}, [](const std::string& trouble) { std::cerr << "mail: " << trouble << "\n"; }});
  service.value()->on_mail_queued([&sender] { sender.wake(); });
  sender.start();
  mail::CurlWebhookTransport posts;
  mail::WebhookSender webhooks(*service.value(), posts, {o.mail_poll_seconds, 20, {}, [](const std::string& trouble) {
                                 std::cerr << "webhooks: " << trouble << "\n";
                               }});
  service.value()->on_webhook_queued([&webhooks] { webhooks.wake(); });
  webhooks.start();
  mail::RoundThread reminders(3600);  // the milestone reminders, at start and then hourly
  reminders.start([s = service.value().get()] {
    auto queued = s->send_due_milestone_notices();
    if (!queued.is_ok()) std::cerr << "milestone reminders: " << queued.status().message() << "\n";
  });
  std::optional<mail::MailboxReader> replies;
  if (mailbox.value()) {
    replies.emplace(*service.value(), *mailbox.value(), mail::SenderOptions{o.mailbox_poll_seconds, 50, {}, [](const std::string& trouble) {
                      std::cerr << "mailbox: " << trouble << "\n";
                    }});
    replies->start();
  }
  std::jthread recorder = activity_recorder(*service.value());
  std::cout << "mail goes to " << transport.value()->where() << "\n";
  if (mailbox.value()) std::cout << "calendar replies are read from " << mailbox.value()->where() << "\n";
  std::cout << "listening on " << address << std::endl;
  server.run();
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  recorder.request_stop();
  recorder.join();
  if (replies) replies->stop();
  reminders.stop();  // before the mail sender's wake is taken away
  sender.stop();
  service.value()->on_mail_queued(nullptr);
  webhooks.stop();
  service.value()->on_webhook_queued(nullptr);
  Status recorded = service.value()->record_activity();
  if (!recorded.is_ok()) std::cerr << "recording token and session use: " << recorded.message() << "\n";
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Run the booking service (HTTP, JSON) on a SQLite database");
  cmd->add_option("--db", o->db_path, "SQLite database file (created and seeded when new; default peerslot.db)");
  cmd->add_option("--port", o->port, "TCP port (default 8080; 0 for any free port)");
  cmd->add_option("--bind", o->bind, "Address to listen on (default 127.0.0.1)");
  cmd->add_option("--seed-scenario", o->seed_scenario, "Seed a new database from this scenario instead of the demo");
  cmd->add_option("--seed", o->seed, "Demo generator seed (default 1)");
  cmd->add_option("--solve-seconds", o->solve_seconds, "Seconds for the initial plan of a new database (0: none)");
  cmd->add_flag("--demo-tokens", o->demo_tokens, "Print new demo tokens even when the database exists");
  cmd->add_option("--public-url", o->public_url, "The address people reach the service at, for links in mail (default http://BIND:PORT)");
  cmd->add_option("--outbox", o->outbox, "Folder for outgoing mail, one .eml file per message (default: DB name + -outbox)");
  cmd->add_option("--smtp", o->smtp, "Send mail to this SMTP server instead: smtp://[user@]host[:port][?starttls=1][&cacert=CA.pem]");
  cmd->add_option("--smtp-password-file", o->smtp_password_file, "File holding the SMTP password (first line)");
  cmd->add_option("--mailbox", o->mailbox,
                  "Read peers' calendar replies (Accept, Decline) from this IMAP folder: imaps://user@host[:port]/FOLDER[?cacert=CA.pem]");
  cmd->add_option("--mailbox-password-file", o->mailbox_password_file, "File holding the mailbox's password (first line)");
  cmd->add_option("--mailbox-poll-seconds", o->mailbox_poll_seconds, "How often the mailbox is read (default 60)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--mail-from", o->mail_from, "The programme office's address mail comes from");
  cmd->add_option("--sign-in-link-seconds", o->sign_in_link_seconds, "How long an emailed sign-in link works (default 900)")
      ->check(CLI::Range(1, 86400));
  cmd->add_option("--mail-retry-seconds", o->mail_retry_seconds, "Wait before retrying a message or webhook delivery that failed (doubled each time, at most an hour; default 60)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--mail-poll-seconds", o->mail_poll_seconds, "How often the outbox and the webhook deliveries are looked at for retries (default 5)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--session-idle-seconds", o->session_idle_seconds, "How long a signed-in browser may sit idle (default 7200)")
      ->check(CLI::Range(1, 86400));
  cmd->add_option("--record-replies", o->record_replies,
                  "Append every reply of the API to FILE, one JSON line each (for checking replies against /openapi.json)");
  cmd->add_flag("--repair-report", o->repair_report, "List the rows that keep the database from loading, then exit");
  cmd->add_flag("--repair", o->repair,
                "Back the database up to FILE.before-repair, remove the rows that keep it from loading, then exit");
  cmd->callback([o, exit_code] { *exit_code = run_serve(*o); });
}

}  // namespace peerslot
