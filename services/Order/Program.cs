using Platform.EventStore.History;
using Platform.EventStore.Progress;
using MassTransit;
using Platform.Order.Api;
using Platform.Order.Application;
using Platform.Order.Application.ChangingItems;
using Platform.Order.Application.ConfirmingOrder;
using Platform.Order.Application.DraftingOrder;
using Platform.Order.Application.RunningWorkflow;
using Platform.Order.Infrastructure;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrderStore();
builder.AddPlatformBus(bus =>
{
    bus.AddConsumers(typeof(OrderChanges).Assembly);
    bus.AddActivities(typeof(OrderChanges).Assembly); // the workflow's steps, each on its own execute and compensate queues
});
builder.Services.AddOpenApi();
builder.Services.AddExceptionHandler<OrderProblemHandler>();
builder.Services.AddScoped<OrderChanges>();
builder.Services.AddScoped<DraftOrderHandler>();
builder.Services.AddScoped<ItemCommands>();
builder.Services.AddScoped<ConfirmOrderHandler>();
builder.Services.AddScoped<WorkflowJournal>();

var app = builder.Build();

app.UsePlatformProblemDetails();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapOrders();
app.MapStockAndPayments();
app.MapEventStoreProgress();
app.MapEventStoreHistory();

app.Run();

public partial class Program;
