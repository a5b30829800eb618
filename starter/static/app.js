// Students page: read the list from the API and add students without reloading the page.

const tbody = document.querySelector("#students tbody");
const form = document.querySelector("#add-student");
const errorBox = document.querySelector("#error");

function addRow(student) {
  const row = document.createElement("tr");
  for (const value of [student.id, student.name, student.grade]) {
    const cell = document.createElement("td");
    cell.textContent = value ?? "";
    row.append(cell);
  }
  tbody.append(row);
}

async function loadStudents() {
  const response = await fetch("/api/students");
  const students = await response.json();
  tbody.replaceChildren();
  students.forEach(addRow);
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  errorBox.textContent = "";
  const response = await fetch("/api/students", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      name: form.elements.name.value,
      grade: Number(form.elements.grade.value),
    }),
  });
  const data = await response.json();
  if (response.status === 201) {
    addRow(data);
    form.reset();
  } else {
    errorBox.textContent = data.error;
  }
});

loadStudents();
