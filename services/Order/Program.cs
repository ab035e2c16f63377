using Platform.ServiceDefaults.Identity;
using Platform.EventStore.History;
using Platform.EventStore.Progress;
using Platform.Ordering.Api;
using Platform.Ordering.Infrastructure;
using Platform.Ordering.Infrastructure.Payments;
using Platform.Ordering.Infrastructure.Stock;
using Platform.Ordering.Infrastructure.Workflow;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthorization(); // every token checked here too: a caller who bypasses the gateway meets the same rules
builder.AddOrderStore();
builder.AddStock();
builder.AddPayments();
builder.AddOrderWorkflow();
builder.AddPlatformBus(bus => bus.AddOrderMessaging());
builder.AddOrderApi();

var app = builder.Build();

app.UsePlatformService();
app.MapOrders();
app.MapStockAndPayments();
app.MapOrderAdmin();
app.MapEventStoreProgress<IOrderStore>();
app.MapEventStoreHistory<IOrderStore>();

app.Run();

public partial class Program;
